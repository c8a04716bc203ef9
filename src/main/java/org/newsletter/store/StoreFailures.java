package org.newsletter.store;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What a database failure means to the person at the keyboard, for the failures that have a plain
 * cause and remedy. The driver's own text names SQL result codes; the message here says what
 * happened and what to do, and the driver's text stays in the stack trace ({@code --verbose}).
 */
public final class StoreFailures {

    public static final String DISK_FULL = "the disk is full, so the database could not save the last change (nothing saved before it is lost);"
            + " free some space, then run the same command again: a send resumes where it stopped";
    public static final String SEGMENT_TOO_COMPLEX = "segment too complex: it has more terms than the database can evaluate in one query"
            + " (SQLite allows an expression depth of 1000); use fewer terms, for example tag those people and send to tag:NAME";

    /** SQLite's SQLITE_FULL, in the low byte of every extended code (https://sqlite.org/rescode.html#full). */
    private static final int SQLITE_FULL = 13;
    /** PostgreSQL's disk_full and unique_violation SQLSTATEs (Appendix A of its manual). */
    private static final String POSTGRES_DISK_FULL = "53100";
    private static final String POSTGRES_UNIQUE = "23505";
    /** PostgreSQL's statement_too_complex, which covers "stack depth limit exceeded". */
    private static final String POSTGRES_TOO_COMPLEX = "54001";

    private StoreFailures() {
    }

    /** The one line to print for {@code failure}, if it is one of those with a known cause and remedy. */
    public static Optional<String> explain(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (isDiskFull(e)) {
                return Optional.of(DISK_FULL);
            }
            if (tooComplex(e)) {
                return Optional.of(SEGMENT_TOO_COMPLEX);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code failure}, or anything that caused it, says the disk (the database's or another) is full. */
    public static boolean diskFull(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (isDiskFull(e)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code failure}, or anything that caused it, is a UNIQUE constraint refusing a row. */
    static boolean uniqueViolation(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof SQLiteException sqlite && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                    || e instanceof SQLException sql && POSTGRES_UNIQUE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDiskFull(Throwable e) {
        if (e instanceof SQLiteException sqlite && sqlite.getResultCode() != null) {
            return (sqlite.getResultCode().code & 0xff) == SQLITE_FULL;
        }
        if (e instanceof SQLException sql && POSTGRES_DISK_FULL.equals(sql.getSQLState())) {
            return true;
        }
        // ENOSPC as the JDK words it; there is no exception class of its own.
        return e instanceof IOException && e.getMessage() != null && e.getMessage().contains("No space left on device");
    }

    private static boolean tooComplex(Throwable e) {
        if (e instanceof SQLException sql && POSTGRES_TOO_COMPLEX.equals(sql.getSQLState())) {
            return true;
        }
        // SQLite reports SQLITE_ERROR with this text when a WHERE clause nests deeper than SQLITE_MAX_EXPR_DEPTH.
        return e instanceof SQLiteException && e.getMessage() != null && e.getMessage().contains("Expression tree is too large");
    }
}
