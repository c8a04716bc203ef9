package org.newsletter.store.csv;

/** A row that could not be read; reading goes on with the next row. */
public record RowProblem(long line, String reason) implements ReadResult {

    @Override
    public String toString() {
        return "line " + line + ": " + reason;
    }
}
