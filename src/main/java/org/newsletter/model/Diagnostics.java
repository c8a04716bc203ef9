package org.newsletter.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects findings while reading input so that one run reports every problem, not just the first.
 * Not thread-safe: one per read.
 */
public final class Diagnostics {

    private final List<Diagnostic> all = new ArrayList<>();

    public void error(SourcePosition position, String message) {
        all.add(Diagnostic.error(position, message));
    }

    public void warning(SourcePosition position, String message) {
        all.add(Diagnostic.warning(position, message));
    }

    public void add(Diagnostic diagnostic) {
        all.add(diagnostic);
    }

    public boolean hasErrors() {
        return all.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> all() {
        return List.copyOf(all);
    }

    /** Throws with every error collected so far, if there is one. */
    public void throwIfErrors() {
        if (hasErrors()) {
            throw new InvalidInputException(all.stream().filter(Diagnostic::isError).toList());
        }
    }
}
