package org.newsletter.store.csv;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Turns the cells of one row into an {@link ImportRow}, by the columns of the header and the rules of
 * the file's format ({@link FormatRules}). One per file.
 */
final class RowMapper {

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

    RowMapper(CsvFormat format, List<String> header) {
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

        attributeNames = new String[columns.size()];
        Set<Integer> read = new LinkedHashSet<>(List.of(email, name, firstName, lastName, tags, map.status(), attributes,
                map.consentSource(), map.consentAt()));
        read.addAll(map.notAttributes());
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            if (!read.contains(i) && !column.isEmpty() && seen.add(column)) {
                attributeNames[i] = column;
            }
        }
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
        return new ImportRow(line, address, emptyToNull(person), tagSet, values, rowStatus, source, consent);
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
