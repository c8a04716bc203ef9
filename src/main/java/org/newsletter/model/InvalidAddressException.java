package org.newsletter.model;

import java.util.List;

/**
 * An e-mail address we will not accept. The message is a short English reason meant for the person
 * who typed or imported the address ("no @", "spaces are not allowed"); callers add the address and
 * where it came from. {@link #problem()} and {@link #values()} let a reader page say it in the
 * reader's language instead.
 */
public class InvalidAddressException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final AddressProblem problem;
    private final List<String> values;

    public InvalidAddressException(AddressProblem problem, String... values) {
        super(problem.english(values));
        this.problem = problem;
        this.values = List.of(values);
    }

    /** The short human reason, in English; the same text as {@link #getMessage()}. */
    public String reason() {
        return getMessage();
    }

    public AddressProblem problem() {
        return problem;
    }

    /** What goes into the reason's {@code {0}}, {@code {1}}: a character, a label, a limit. */
    public List<String> values() {
        return values;
    }
}
