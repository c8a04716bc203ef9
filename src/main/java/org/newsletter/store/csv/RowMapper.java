package org.newsletter.store.csv;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.newsletter.model.PersonName;

/**
 * Turns the cells of one row into an {@link ImportRow}, by the columns of the header and the rules of
 * the file's format ({@link FormatRules}). One per file.
 */
final class RowMapper {

    /** Longest stretch of a suspicious cell quoted in a warning. */
    private static final int QUOTED_CELL = 60;

    private final FormatRules rules;
    private final ColumnMap columnMap;
    private final List<String> columns;      // header names, trimmed
    private final int email;
    private final int name;
    private final int firstName;
    private final int lastName;
    private final int tags;
    private final int attributes;
    /** For each column, the attribute it fills, or null when the column is read otherwise or has no name. */
    private final String[] attributeNames;
    /** The columns whose cells are kept as text (name, tags, attributes…), so checked for spreadsheet formulas. */
    private final int[] storedAsText;
    /** The format's bookkeeping columns found in the header and not asked for, in header order. */
    private final List<String> leftOut = new ArrayList<>();

    /**
     * @param keep names of the format's bookkeeping columns to import as attributes all the same
     *     ({@link FormatRules#bookkeepingColumns}), in any case
     */
    RowMapper(CsvFormat format, List<String> header, Set<String> keep) {
        this.columns = header.stream().map(String::trim).toList();
        this.rules = format.rules(columns);
        ColumnMap map = rules.columns();
        this.columnMap = map;
        this.email = map.email();
        this.name = map.name();
        this.firstName = map.firstName();
        this.lastName = map.lastName();
        this.tags = map.tags();
        this.attributes = map.attributes();

        Set<String> kept = new HashSet<>();
        keep.forEach(k -> kept.add(k.trim().toLowerCase(Locale.ROOT)));
        Set<String> bookkeeping = Set.copyOf(rules.bookkeepingColumns());
        attributeNames = new String[columns.size()];
        Set<Integer> read = new LinkedHashSet<>(List.of(email, name, firstName, lastName, tags, map.status(), attributes,
                map.consentSource(), map.consentAt()));
        read.addAll(map.notAttributes());
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            boolean asked = kept.contains(column.toLowerCase(Locale.ROOT));
            if (bookkeeping.contains(column) && !asked) {
                leftOut.add(column);
                continue;
            }
            // A bookkeeping column that is asked for becomes an attribute even when it is also read
            // (OPTIN_TIME and CONFIRM_TIME still give the consent time).
            boolean attribute = !read.contains(i) || bookkeeping.contains(column);
            if (attribute && !column.isEmpty() && seen.add(column)) {
                attributeNames[i] = column;
            }
        }
        List<Integer> text = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (attributeNames[i] != null || i == name || i == firstName || i == lastName || i == tags || i == map.consentSource()) {
                text.add(i);
            }
        }
        this.storedAsText = text.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The format's bookkeeping columns this file has and that were not asked for: they are not imported. */
    List<String> leftOut() {
        return List.copyOf(leftOut);
    }

    /** The row, a problem, or null for a row with nothing in it. */
    ReadResult map(long line, List<String> cells) {
        boolean blank = true;
        for (String cell : cells) {
            if (!cell.isBlank()) {
                blank = false;
                break;
            }
        }
        if (blank) {
            return null;
        }
        for (int i = columns.size(); i < cells.size(); i++) {
            if (!cells.get(i).isBlank()) {
                return new RowProblem(line, "the row has " + cells.size() + " cells but the header has only "
                        + columns.size() + " columns (is a comma inside a cell not quoted?)");
            }
        }

        String address = cell(cells, email).trim();
        if (address.isEmpty()) {
            return new RowProblem(line, "no email address in column \"" + columns.get(email) + "\"");
        }

        String person = cell(cells, name).trim();
        if (person.isEmpty()) {
            person = (cell(cells, firstName).trim() + " " + cell(cells, lastName).trim()).trim();
        }

        if (PersonName.hasControlCharacter(person)) {
            // NUL, a line break or ESC in a name would break the To: header at send time, or a terminal now.
            return new RowProblem(line, "the name " + shortened(person)
                    + " contains control characters (NUL, line breaks, escapes); remove them from the cell");
        }

        Set<String> tagSet = new LinkedHashSet<>();
        Map<String, String> values = new LinkedHashMap<>();
        Long consent = null;
        try {
            readTags(cell(cells, tags), tagSet);
        } catch (IOException e) {
            return new RowProblem(line, "the " + columns.get(tags) + " cell is not a JSON array of strings: " + e.getMessage());
        }
        if (attributes >= 0) {
            String json = cell(cells, attributes).trim();
            if (!json.isEmpty()) {
                try {
                    JsonCells.flattenObject(json, values);
                } catch (IOException e) {
                    return new RowProblem(line, "the " + columns.get(attributes) + " cell is not a JSON object: "
                            + firstLine(e.getMessage()));
                }
            }
        }
        for (int i = 0; i < attributeNames.length && i < cells.size(); i++) {
            if (attributeNames[i] != null) {
                String value = cell(cells, i).trim();
                if (!value.isEmpty()) {
                    values.putIfAbsent(attributeNames[i], value);
                }
            }
        }

        IntFunction<String> cell = column -> cell(cells, column);
        String rowStatus = rules.status(columnMap, cell);
        String source = rules.consentSource(columnMap, cell);
        int timeColumn = rules.consentTimeColumn(columnMap, cell);
        String time = cell(cells, timeColumn).trim();
        if (!time.isEmpty()) {
            try {
                consent = Timestamps.parse(time);
            } catch (IllegalArgumentException e) {
                return new RowProblem(line, "cannot read the time \"" + time + "\" in column " + columns.get(timeColumn)
                        + ": " + e.getMessage());
            }
        }
        return new ImportRow(line, address, emptyToNull(person), tagSet, values, rowStatus, source, consent, formulaWarnings(cells));
    }

    /**
     * A warning for each kept cell that a spreadsheet would run as a formula ({@link FormulaGuard#looksLikeFormula}):
     * such a name or value is stored as the text it is, but it is more likely an attack or a mistake than a person's data.
     */
    private List<String> formulaWarnings(List<String> cells) {
        List<String> warnings = null;
        for (int column : storedAsText) {
            if (column < cells.size() && FormulaGuard.looksLikeFormula(cells.get(column))) {
                if (warnings == null) {
                    warnings = new ArrayList<>(1);
                }
                warnings.add("the " + columns.get(column) + " cell " + quoted(cells.get(column).strip())
                        + " looks like a spreadsheet formula; it is imported as text: check where the file came from");
            }
        }
        return warnings == null ? List.of() : warnings;
    }

    /** A cell as it is, shortened, for a message (whoever prints it escapes its control characters). */
    private static String shortened(String cell) {
        return cell.codePointCount(0, cell.length()) > QUOTED_CELL ? cell.substring(0, cell.offsetByCodePoints(0, QUOTED_CELL - 1)) + "…" : cell;
    }

    /** A cell on one line, shortened, for a message. */
    private static String quoted(String cell) {
        String line = cell.replaceAll("\\s+", " ");
        if (line.codePointCount(0, line.length()) > QUOTED_CELL) {
            line = line.substring(0, line.offsetByCodePoints(0, QUOTED_CELL - 1)) + "…";
        }
        return line;
    }

    private void readTags(String cell, Set<String> into) throws IOException {
        String text = cell.trim();
        if (text.isEmpty()) {
            return;
        }
        List<String> found = new ArrayList<>();
        rules.splitTags(text, found);
        for (String tag : found) {
            String t = tag.trim();
            if (!t.isEmpty()) {
                into.add(t);
            }
        }
    }

    private static String cell(List<String> cells, int column) {
        return column < 0 || column >= cells.size() ? "" : FormulaGuard.restore(cells.get(column));
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
