package org.newsletter.store;

import org.sqlite.SQLiteException;

/**
 * SQLite's "database is locked" (SQLITE_BUSY): another process held the one write lock for longer
 * than the wait allowed. In practice that is a large import, which holds it until it commits. The
 * transaction that met it wrote nothing (it never began, or was rolled back).
 */
public final class DatabaseBusyException extends StoreException {

    private static final long serialVersionUID = 1L;

    /** What a command says when it meets a busy database, in place of the driver's "Failed to start transaction". */
    public static final String MESSAGE = "the database is busy: another process (a large import keeps it until it finishes) "
            + "has held its write lock for too long; the change that needed it was not made, so run this again when that is done";

    /** SQLite's primary result code for SQLITE_BUSY; extended codes (BUSY_SNAPSHOT, …) keep it in their low byte. */
    private static final int SQLITE_BUSY = 5;

    DatabaseBusyException(Throwable cause) {
        super(MESSAGE, cause);
    }

    /** Whether {@code failure}, or anything that caused it, is this or SQLite saying the database is busy. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof DatabaseBusyException) {
                return true;
            }
            if (e instanceof SQLiteException sqlite && sqlite.getResultCode() != null
                    && (sqlite.getResultCode().code & 0xff) == SQLITE_BUSY) {
                return true;
            }
        }
        return false;
    }
}
