package org.newsletter.store.csv;

/**
 * Spreadsheet formula injection (OWASP "CSV injection"): a cell starting with {@code = + - @}, TAB or CR may be
 * run as a formula when the file is opened in a spreadsheet, so the exporter puts an apostrophe in front of
 * it and the importer takes it off again.
 *
 * <p>To make that exactly reversible, a cell that already starts with apostrophes followed by one of those
 * characters gets one more: {@code '=x} is written {@code ''=x}. The importer removes one apostrophe from a
 * cell only when apostrophes followed by a formula character start it, so {@code restore(guard(v)) == v}
 * for every {@code v}, and ordinary cells such as {@code 'tis} are left alone.
 */
final class FormulaGuard {

    private FormulaGuard() {
    }

    static boolean isFormulaStart(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** Whether the exporter must put an apostrophe in front of this cell. */
    static boolean needsPrefix(CharSequence value) {
        int i = 0;
        int n = value.length();
        while (i < n && value.charAt(i) == '\'') {
            i++;
        }
        return i < n && isFormulaStart(value.charAt(i));
    }

    /**
     * Whether a cell as read from a file (before {@link #restore}) is one a spreadsheet would run as a formula,
     * for the importer's warning: it starts with {@code =}, or with {@code + - @} followed by a function call
     * ({@code @SUM(}, {@code +HYPERLINK(}) or a DDE command ({@code -2+3+cmd|' /C calc'!A0}). Phone numbers
     * ({@code +44 (0)20 7946 0000}), negative numbers and handles such as {@code @ann} are not. A cell that
     * starts with the apostrophe our own export puts in front of such values is text on purpose, and is not
     * warned about: an export imported again says nothing. Nor is a cell that starts with a space, which
     * spreadsheets take as text.
     */
    static boolean looksLikeFormula(String raw) {
        int n = raw.length();
        if (n < 2) {
            return false;
        }
        char first = raw.charAt(0);
        if (first == '=') {
            return true;
        }
        if (first != '+' && first != '-' && first != '@') {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = raw.charAt(i);
            if (c == '|' || c == '(' && Character.isLetter(raw.charAt(i - 1))) {
                return true;
            }
        }
        return false;
    }

    /** The cell without the apostrophe the exporter added, if it added one. */
    static String restore(String cell) {
        return !cell.isEmpty() && cell.charAt(0) == '\'' && needsPrefix(cell) ? cell.substring(1) : cell;
    }
}
