package org.newsletter.store.internal;

import org.newsletter.store.segment.SegmentSql;

/** The two databases we support; they share one schema and almost all SQL. */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String migrations;

    Dialect(String migrations) {
        this.migrations = migrations;
    }

    /** How segments read this database's JSON columns. */
    public SegmentSql.Json json() {
        return this == POSTGRESQL ? SegmentSql.Json.POSTGRESQL : SegmentSql.Json.SQLITE;
    }

    /** Classpath folder of this dialect's Flyway migrations. */
    public String migrationLocation() {
        return "classpath:db/migration/" + migrations;
    }

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL '" + jdbcUrl
                + "'; use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
    }
}
