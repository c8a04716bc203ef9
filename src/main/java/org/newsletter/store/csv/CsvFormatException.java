package org.newsletter.store.csv;

/**
 * The file cannot be read as a subscriber CSV at all: it is empty, has no email column, or its quoting is
 * broken so badly that the rows after the fault cannot be found. Unchecked because it can also come out of
 * {@link CsvImportReader#next()}.
 */
public class CsvFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long line;

    public CsvFormatException(long line, String message) {
        super(message);
        this.line = line;
    }

    public CsvFormatException(long line, String message, Throwable cause) {
        super(message, cause);
        this.line = line;
    }

    /** The 1-based line the fault was found on, or 0 when it concerns the whole file. */
    public long line() {
        return line;
    }
}
