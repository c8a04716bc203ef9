package org.newsletter.model;

import java.util.Objects;

/** One finding about the user's input: what is wrong, where, and how bad. */
public record Diagnostic(Severity severity, SourcePosition position, String message) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(SourcePosition position, String message) {
        return new Diagnostic(Severity.ERROR, position, message);
    }

    public static Diagnostic warning(SourcePosition position, String message) {
        return new Diagnostic(Severity.WARNING, position, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** One line, as printed on stderr: {@code file:line: error: message}. */
    @Override
    public String toString() {
        return position + ": " + severity.label() + ": " + message;
    }
}
