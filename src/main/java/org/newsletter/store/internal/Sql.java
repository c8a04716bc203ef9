package org.newsletter.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Loads the SQL kept in resource files (org/newsletter/store/sql/NAME.sql), once each. */
public final class Sql {

    /** Beside the repositories that use it, not this helper: the SQL belongs to the store. */
    private static final String FOLDER = "/org/newsletter/store/sql/";

    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public String get(String name) {
        return cache.computeIfAbsent(name, Sql::load);
    }

    /** {@code NAME.postgresql.sql} on PostgreSQL when there is one, otherwise {@code NAME.sql}. */
    public String get(String name, Dialect dialect) {
        if (dialect == Dialect.POSTGRESQL && Sql.class.getResource(FOLDER + name + ".postgresql.sql") != null) {
            return get(name + ".postgresql");
        }
        return get(name);
    }

    private static String load(String name) {
        String path = FOLDER + name + ".sql";
        try (InputStream in = Sql.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SQL resource " + path, e);
        }
    }
}
