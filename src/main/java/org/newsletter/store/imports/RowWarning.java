package org.newsletter.store.imports;

/** Something wrong with a row that is imported all the same, remembered by the reading thread and reported by the writing one. */
record RowWarning(long line, String message) {
}
