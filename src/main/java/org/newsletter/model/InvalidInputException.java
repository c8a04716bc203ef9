package org.newsletter.model;

import java.util.List;

/**
 * The user's files are wrong in ways they can fix: carries every error found, each with its position,
 * so the command line can print them all at once instead of one per run.
 */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    public InvalidInputException(List<Diagnostic> diagnostics) {
        super(diagnostics.isEmpty() ? "invalid input" : diagnostics.get(0).toString());
        this.diagnostics = List.copyOf(diagnostics);
    }

    public InvalidInputException(Diagnostic diagnostic) {
        this(List.of(diagnostic));
    }

    public static InvalidInputException at(SourcePosition position, String message) {
        return new InvalidInputException(Diagnostic.error(position, message));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
