package org.newsletter.store.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Turns a segment into a condition on the {@code subscriber} table, so the database does the choosing
 * instead of loading every subscriber. Statuses and addresses are plain standard SQL ({@code EXISTS},
 * {@code LIKE ... ESCAPE}) that SQLite and PostgreSQL read alike; tags and attributes live in JSON
 * columns of the subscriber row, which the two databases query differently ({@link Json}). Every term
 * is true or false, never {@code NULL}, so {@code not} is a plain {@code NOT}, and no term joins, so a
 * subscriber is never duplicated.
 *
 * <p>{@link SegmentMatcher} evaluates the same meaning in memory; the tests hold the two to each other.
 */
public final class SegmentSql {

    /**
     * The LIKE escape character. Not the usual backslash: Jdbi's statement lexer reads {@code '\'} as an
     * escaped quote and then misses every {@code ?} after it, and PostgreSQL reads it differently when
     * {@code standard_conforming_strings} is off. {@code !} means the same to every SQL parser.
     */
    static final char LIKE_ESCAPE = '!';

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SUBQUERY_ALIAS = Pattern.compile("[tau][0-9]+", Pattern.CASE_INSENSITIVE);

    /** How each database looks inside the subscriber's JSON columns. */
    public enum Json {
        /** {@code json_each} over the TEXT columns. */
        SQLITE,
        /** jsonb containment ({@code @>}), which never yields NULL on the NOT NULL columns. */
        POSTGRESQL
    }

    private final String subscriber;
    private final Long listId;
    private final Json json;
    private final List<Object> parameters = new ArrayList<>();
    private int aliases;

    private SegmentSql(String subscriberAlias, Long listId, Json json) {
        this.subscriber = subscriberAlias;
        this.listId = listId;
        this.json = json;
    }

    /**
     * The condition choosing the subscribers in {@code segment}, for a query whose {@code subscriber} table is
     * aliased {@code subscriberAlias}, e.g. {@code SELECT s.id FROM subscriber s WHERE <sql>}.
     *
     * @param listId the list being queried: {@code status:} then means the status in that list; when
     *     {@code null}, in any list
     * @param json the database's way of reading the tags and attributes columns
     */
    public static SqlCondition toSql(Segment segment, String subscriberAlias, Long listId, Json json) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(subscriberAlias, "subscriberAlias");
        if (!IDENTIFIER.matcher(subscriberAlias).matches() || SUBQUERY_ALIAS.matcher(subscriberAlias).matches()) {
            // The alias is the one piece of text put into the SQL as is, so it must be a plain identifier, and not
            // one of the subquery aliases (t1, a2, u3...) that would capture it.
            throw new IllegalArgumentException("unusable subscriber table alias '" + subscriberAlias + "'");
        }
        SegmentSql compiler = new SegmentSql(subscriberAlias, listId, json);
        String sql = compiler.compile(segment);
        return new SqlCondition(sql, compiler.parameters);
    }

    private String compile(Segment segment) {
        if (segment instanceof Segment.HasTag tag) {
            parameters.add(tag.tag());
            if (json == Json.POSTGRESQL) {
                return subscriber + ".tags @> jsonb_build_array(CAST(? AS text))";
            }
            String t = alias("t");
            return "EXISTS (SELECT 1 FROM json_each(" + subscriber + ".tags) " + t + " WHERE " + t + ".value = ?)";
        }
        if (segment instanceof Segment.HasStatus status) {
            String u = alias("u");
            if (listId == null) {
                return exists("subscription " + u, u, u + ".status = ?", status.status().word());
            }
            return exists("subscription " + u, u, u + ".list_id = ? AND " + u + ".status = ?",
                    listId, status.status().word());
        }
        if (segment instanceof Segment.AttributeEquals equals) {
            return attributeEquals(equals.name(), equals.value());
        }
        if (segment instanceof Segment.AttributeNotEquals notEquals) {
            return "NOT " + attributeEquals(notEquals.name(), notEquals.value());
        }
        if (segment instanceof Segment.EmailMatches email) {
            parameters.add(likePattern(email.pattern()));
            return subscriber + ".email_key LIKE ? ESCAPE '" + LIKE_ESCAPE + "'";
        }
        if (segment instanceof Segment.And and) {
            return join(and.operands(), " AND ");
        }
        if (segment instanceof Segment.Or or) {
            return join(or.operands(), " OR ");
        }
        if (segment instanceof Segment.Not not) {
            return "NOT (" + compile(not.operand()) + ")";
        }
        throw new IllegalArgumentException("unknown segment " + segment.getClass());
    }

    private String attributeEquals(String name, String value) {
        parameters.add(name);
        parameters.add(value);
        if (json == Json.POSTGRESQL) {
            return subscriber + ".attributes @> jsonb_build_object(CAST(? AS text), CAST(? AS text))";
        }
        // json_each rather than json_extract: an attribute's name may hold dots or quotes, which a JSON path would read as syntax.
        String a = alias("a");
        return "EXISTS (SELECT 1 FROM json_each(" + subscriber + ".attributes) " + a + " WHERE " + a + ".key = ? AND " + a + ".value = ?)";
    }

    private String exists(String table, String alias, String condition, Object... values) {
        parameters.addAll(List.of(values));
        return "EXISTS (SELECT 1 FROM " + table + " WHERE " + alias + ".subscriber_id = " + subscriber + ".id AND "
                + condition + ")";
    }

    private String join(List<Segment> operands, String operator) {
        StringJoiner sql = new StringJoiner(operator, "(", ")");
        operands.forEach(operand -> sql.add(compile(operand)));
        return sql.toString();
    }

    private String alias(String prefix) {
        return prefix + ++aliases;
    }

    /**
     * A glob as a LIKE pattern: {@code *} becomes {@code %}; {@code %}, {@code _} and the escape character
     * {@code !} are escaped so they stay literal.
     */
    static String likePattern(String glob) {
        StringBuilder like = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                like.append('%');
            } else if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
                like.append(LIKE_ESCAPE).append(c);
            } else {
                like.append(c);
            }
        }
        return like.toString();
    }
}
