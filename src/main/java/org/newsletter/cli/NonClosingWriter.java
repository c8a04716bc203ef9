package org.newsletter.cli;

import java.io.FilterWriter;
import java.io.Writer;

/** Lets a writer that closes its target (CSV, JSON) write to stdout without closing it. */
final class NonClosingWriter extends FilterWriter {

    NonClosingWriter(Writer target) {
        super(target);
    }

    @Override
    public void close() {
        try {
            flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write output", e);
        }
    }
}
