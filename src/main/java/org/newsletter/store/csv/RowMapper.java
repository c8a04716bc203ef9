package org.newsletter.store.csv;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the cells of one row into an {@link ImportRow}, by the columns of the header. One per file. */
final class RowMapper {

    private final CsvFormat format;
    private final List<String> columns;      // header names, trimmed
    private final int email;
    private final int name;
    private final int firstName;
    private final int lastName;
    private final int tags;
    private final int status;
    private final int attributes;
    private final int consentSource;
    private final int consentAt;
    private final int optinTime;
    private final int unsubTime;
    private final int cleanTime;
    /** For each column, the attribute it fills, or null when the column is read otherwise or has no name. */
    private final String[] attributeNames;

    RowMapper(CsvFormat format, List<String> header) {
        this.format = format;
        this.columns = header.stream().map(String::trim).toList();
        int emailColumn = -1;
        int nameColumn = -1;
        int first = -1;
        int last = -1;
        int tagsColumn = -1;
        int statusColumn = -1;
        int attributesColumn = -1;
        int sourceColumn = -1;
        int consentColumn = -1;
        int optin = -1;
        int unsub = -1;
        int clean = -1;
        List<Integer> ignored = new ArrayList<>();
        switch (format) {
            case NEWSLETTER -> {
                emailColumn = 0;
                nameColumn = 1;
                statusColumn = 2;
                tagsColumn = 3;
                attributesColumn = 4;
                sourceColumn = 5;
                consentColumn = 6;
                ignored.add(7); // created_at: the store sets its own
                ignored.add(find("updated_at"));
            }
            case MAILCHIMP -> {
                emailColumn = find(CsvFormat.MAILCHIMP_EMAIL);
                first = find("First Name");
                last = find("Last Name");
                tagsColumn = find("TAGS");
                consentColumn = find("CONFIRM_TIME");
                optin = find("OPTIN_TIME");
                // the unsubscribed and cleaned exports: these stay attributes too, as a record of when and why
                unsub = find("UNSUB_TIME");
                clean = find("CLEAN_TIME");
            }
            case LISTMONK -> {
                emailColumn = find("email");
                nameColumn = find("name");
                attributesColumn = find("attributes");
                statusColumn = find("status");
                consentColumn = find("created_at");
                ignored.add(find("uuid"));
                ignored.add(find("updated_at"));
            }
            case GENERIC -> {
                emailColumn = CsvFormat.genericEmailColumn(columns);
                nameColumn = findGeneric("name", "full name");
                first = findGeneric("first name", "firstname", "given name");
                last = findGeneric("last name", "lastname", "surname", "family name");
                tagsColumn = findGeneric("tags", "tag");
            }
        }
        this.email = emailColumn;
        this.name = nameColumn;
        this.firstName = first;
        this.lastName = last;
        this.tags = tagsColumn;
        this.status = statusColumn;
        this.attributes = attributesColumn;
        this.consentSource = sourceColumn;
        this.consentAt = consentColumn;
        this.optinTime = optin;
        this.unsubTime = unsub;
        this.cleanTime = clean;

        attributeNames = new String[columns.size()];
        Set<Integer> read = new LinkedHashSet<>(List.of(email, name, firstName, lastName, tags, status, attributes,
                consentSource, consentAt, optinTime));
        read.addAll(ignored);
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            if (!read.contains(i) && !column.isEmpty() && seen.add(column)) {
                attributeNames[i] = column;
            }
        }
    }

    private int find(String column) {
        return columns.indexOf(column);
    }

    private int findGeneric(String... names) {
        for (int i = 0; i < columns.size(); i++) {
            String normalised = CsvFormat.normalise(columns.get(i));
            for (String n : names) {
                if (n.equals(normalised)) {
                    return i;
                }
            }
        }
        return -1;
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
        String rowStatus = null;
        String source = null;
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

        switch (format) {
            case NEWSLETTER -> {
                rowStatus = emptyToNull(cell(cells, status).trim());
                source = emptyToNull(cell(cells, consentSource).trim());
            }
            case MAILCHIMP -> {
                source = "mailchimp import";
                if (!cell(cells, unsubTime).isBlank() || !cell(cells, cleanTime).isBlank()) {
                    rowStatus = "unsubscribed";
                }
            }
            case LISTMONK -> {
                source = "listmonk import";
                if ("blocklisted".equalsIgnoreCase(cell(cells, status).trim())) {
                    rowStatus = "unsubscribed";
                }
            }
            case GENERIC -> { }
        }

        int timeColumn = consentAt;
        if (format == CsvFormat.MAILCHIMP && cell(cells, consentAt).isBlank()) {
            timeColumn = optinTime;
        }
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
        switch (format) {
            case NEWSLETTER -> {
                if (text.startsWith("[")) {
                    JsonCells.readStringArray(text, found);
                } else {
                    split(text, ';', found);
                }
            }
            case MAILCHIMP -> splitQuoted(text, found);
            case GENERIC -> split(text.replace(';', ','), ',', found);
            case LISTMONK -> { }
        }
        for (String tag : found) {
            String t = tag.trim();
            if (!t.isEmpty()) {
                into.add(t);
            }
        }
    }

    private static void split(String text, char separator, List<String> into) {
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == separator) {
                into.add(text.substring(start, i));
                start = i + 1;
            }
        }
    }

    /** Mailchimp's TAGS cell: {@code "tag one","tag two"}, itself a little CSV line. */
    private static void splitQuoted(String text, List<String> into) {
        StringBuilder tag = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            tag.setLength(0);
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (i < n) {
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            tag.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        tag.append(c);
                    }
                }
                while (i < n && text.charAt(i) != ',') {
                    i++;
                }
            } else {
                while (i < n && text.charAt(i) != ',') {
                    tag.append(text.charAt(i++));
                }
            }
            into.add(tag.toString());
            i++; // the comma
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
