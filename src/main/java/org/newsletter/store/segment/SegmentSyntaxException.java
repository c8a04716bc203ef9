package org.newsletter.store.segment;

/**
 * A segment expression that cannot be parsed. Segments are typed on the command line, so the error says
 * where (a 1-based column, in characters) and what was expected there, and {@link #pointer()} draws the
 * expression with a caret under that column for the CLI to print below the message.
 */
public class SegmentSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String expression;
    private final int column;
    private final String reason;

    public SegmentSyntaxException(String expression, int column, String reason) {
        super("segment: column " + column + ": " + reason);
        this.expression = expression;
        this.column = column;
        this.reason = reason;
    }

    /** The expression as given. */
    public String expression() {
        return expression;
    }

    /** Where the problem is: 1 for the first character; one past the end for a premature end. */
    public int column() {
        return column;
    }

    /** The message without the {@code segment: column N:} prefix. */
    public String reason() {
        return reason;
    }

    /**
     * Two lines: the expression (line breaks and tabs shown as spaces so the columns stay aligned), then a
     * {@code ^} under the column.
     */
    public String pointer() {
        StringBuilder line = new StringBuilder();
        expression.codePoints()
                .map(c -> Character.isWhitespace(c) || Character.isISOControl(c) ? ' ' : c)
                .forEach(line::appendCodePoint);
        return line + "\n" + " ".repeat(column - 1) + "^";
    }
}
