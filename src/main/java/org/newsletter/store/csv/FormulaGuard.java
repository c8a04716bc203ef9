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

    /** The cell without the apostrophe the exporter added, if it added one. */
    static String restore(String cell) {
        return !cell.isEmpty() && cell.charAt(0) == '\'' && needsPrefix(cell) ? cell.substring(1) : cell;
    }
}
