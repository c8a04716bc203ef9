package org.newsletter.store;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.newsletter.model.ListSummary;
import org.newsletter.model.ListVisibility;
import org.newsletter.model.MailingList;
import org.newsletter.model.UserInputException;
import org.newsletter.store.internal.Rows;
import org.newsletter.store.internal.Sql;

/** Mailing lists: create, look up, make public or private, count. */
public final class ListRepository {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Handle handle;
    private final Sql sql;
    private final Clock clock;

    ListRepository(Handle handle, Sql sql, Clock clock) {
        this.handle = handle;
        this.sql = sql;
        this.clock = clock;
    }

    public MailingList create(String slug, String name, String description, boolean doubleOptIn) {
        return create(slug, name, description, doubleOptIn, ListVisibility.PUBLIC);
    }

    public MailingList create(String slug, String name, String description, boolean doubleOptIn, ListVisibility visibility) {
        if (!SLUG.matcher(slug).matches()) {
            throw new UserInputException("list name '" + slug + "' must be lower-case letters, digits and '-' (it appears in List-Id headers)");
        }
        if (name == null || name.isBlank()) {
            throw new UserInputException("a list needs a --name people will see");
        }
        if (name.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new UserInputException("a list's --name must be one line: it goes into the Subject of confirmation emails");
        }
        return handle.inTransaction(h -> {
            if (find(slug).isPresent()) {
                throw new UserInputException("list '" + slug + "' already exists");
            }
            h.createUpdate(sql.get("list-insert"))
                    .bind("slug", slug).bind("name", name.strip()).bind("description", description == null ? "" : description.strip())
                    .bind("doubleOptIn", doubleOptIn).bind("visibility", visibility.word()).bind("now", clock.millis())
                    .execute();
            return find(slug).orElseThrow();
        });
    }

    public Optional<MailingList> find(String slug) {
        return handle.createQuery(sql.get("list-select") + " WHERE slug = :slug")
                .bind("slug", slug)
                .map((rs, ctx) -> mapList(rs))
                .findOne();
    }

    /** The list, or an error naming the lists that do exist. */
    public MailingList require(String slug) {
        return find(slug).orElseThrow(() -> {
            List<String> known = handle.createQuery(sql.get("list-slugs")).mapTo(String.class).list();
            return new UserInputException("no list '" + slug + "'" + (known.isEmpty()
                    ? "; create one with 'newsletter lists create SLUG --name NAME'"
                    : "; lists: " + String.join(", ", known)));
        });
    }

    /** Makes the list public or private; returns it as it is now. */
    public MailingList setVisibility(String slug, ListVisibility visibility) {
        return handle.inTransaction(h -> {
            MailingList list = require(slug);
            h.createUpdate(sql.get("list-visibility-update")).bind("visibility", visibility.word()).bind("id", list.id()).execute();
            return require(slug);
        });
    }

    /** Sets the language of a list's pages and confirmation emails ("" for the workspace's). */
    public MailingList setLanguage(String slug, String languageTag) {
        return handle.inTransaction(h -> {
            MailingList list = require(slug);
            h.createUpdate(sql.get("list-language-update")).bind("language", languageTag).bind("id", list.id()).execute();
            return require(slug);
        });
    }

    /** The lists the public may see and subscribe to, by slug; without counting anyone (the subscribe form asks on every view). */
    public List<MailingList> publicLists() {
        return handle.createQuery(sql.get("list-select") + " WHERE visibility = 'public' ORDER BY slug").map((rs, ctx) -> mapList(rs)).list();
    }

    public List<ListSummary> summaries() {
        return handle.createQuery(sql.get("list-summaries"))
                .map((rs, ctx) -> new ListSummary(mapList(rs), rs.getLong("subscribed"), rs.getLong("pending"), rs.getLong("unsubscribed")))
                .list();
    }

    static MailingList mapList(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new MailingList(rs.getLong("id"), rs.getString("slug"), rs.getString("name"), rs.getString("description"),
                rs.getBoolean("double_opt_in"), ListVisibility.fromWord(rs.getString("visibility")), Rows.instant(rs, "created_at"),
                rs.getString("language"));
    }
}
