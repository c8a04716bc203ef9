package org.newsletter.store.imports;

/** A row left out, remembered by the reading thread and reported by the writing one, in file order. */
record SkippedRow(long line, String detail, String reason) {
}
