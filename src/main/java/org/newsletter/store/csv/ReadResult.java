package org.newsletter.store.csv;

/** One data row of an import file: either a row that could be read, or the reason it could not. */
public sealed interface ReadResult permits ImportRow, RowProblem {

    /** The 1-based line of the file on which the row starts, counted as an editor counts lines (the header is line 1). */
    long line();
}
