package org.newsletter.store.csv;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Where an import file comes from, told by its header row. */
public enum CsvFormat {

    /** Our own export, as {@link CsvExportWriter} writes it. */
    NEWSLETTER("newsletter export"),
    /** A Mailchimp audience export (subscribed, unsubscribed or cleaned members). */
    MAILCHIMP("Mailchimp audience export"),
    /** listmonk's subscriber export: {@code uuid,email,name,attributes,status,created_at,updated_at}. */
    LISTMONK("listmonk subscriber export"),
    /** Any other file with a recognisable email column. */
    GENERIC("CSV file");

    /** The first columns of our own export, in order. */
    static final List<String> NEWSLETTER_PREFIX = List.of(
            "email", "name", "status", "tags", "attributes", "consent_source", "consent_at", "created_at");

    static final String MAILCHIMP_EMAIL = "Email Address";
    static final List<String> LISTMONK_COLUMNS = List.of("uuid", "email", "name", "attributes");

    /** Normalised names (see {@link #normalise}) that a generic file may use for its email column. */
    static final Set<String> GENERIC_EMAIL_NAMES = Set.of("email", "e-mail", "email address", "e-mail address", "mail");

    private final String label;

    CsvFormat(String label) {
        this.label = label;
    }

    /** How this format's rows are read, for a file with this (trimmed) header. */
    FormatRules rules(List<String> header) {
        return switch (this) {
            case NEWSLETTER -> new NewsletterExportRules(header);
            case MAILCHIMP -> new MailchimpExportRules(header);
            case LISTMONK -> new ListmonkExportRules(header);
            case GENERIC -> new GenericCsvRules(header);
        };
    }

    /** A short description for messages, e.g. "Mailchimp audience export". */
    public String label() {
        return label;
    }

    /**
     * Tells the format from the header row's cells (as read, before trimming).
     *
     * @param headerLine the line of the header, for the error message
     * @throws CsvFormatException when no column holds email addresses
     */
    public static CsvFormat detect(List<String> header, long headerLine) {
        List<String> names = header.stream().map(String::trim).toList();
        if (names.size() >= NEWSLETTER_PREFIX.size() && names.subList(0, NEWSLETTER_PREFIX.size()).equals(NEWSLETTER_PREFIX)) {
            return NEWSLETTER;
        }
        if (names.contains(MAILCHIMP_EMAIL)) {
            return MAILCHIMP;
        }
        if (names.containsAll(LISTMONK_COLUMNS)) {
            return LISTMONK;
        }
        if (genericEmailColumn(names) >= 0) {
            return GENERIC;
        }
        throw new CsvFormatException(headerLine, noEmailColumnMessage(names, headerLine));
    }

    static int genericEmailColumn(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (GENERIC_EMAIL_NAMES.contains(normalise(names.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    /** Lower case, trimmed, underscores as spaces, runs of white space as one space: "First_Name " → "first name". */
    static String normalise(String column) {
        return column.trim().toLowerCase(Locale.ROOT).replace('_', ' ').replaceAll("\\s+", " ");
    }

    private static String noEmailColumnMessage(List<String> names, long headerLine) {
        String found = names.isEmpty() || names.stream().allMatch(String::isEmpty)
                ? "no column names at all"
                : "the columns are " + names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
        String hint = "";
        if (names.size() == 1 && names.get(0).contains(";")) {
            hint = " (the columns seem to be separated by semicolons; save the file as comma-separated CSV)";
        } else if (names.size() == 1 && names.get(0).contains("\t")) {
            hint = " (the columns seem to be separated by tabs; save the file as comma-separated CSV)";
        }
        return "line " + headerLine + ": no email column in the header: expected a column named email, e-mail, "
                + "email address or mail (or \"Email Address\" in a Mailchimp export); " + found + hint;
    }
}
