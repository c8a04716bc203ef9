package org.newsletter.store.csv;

import java.util.List;
import java.util.function.IntFunction;

/**
 * A Mailchimp audience export (subscribed, unsubscribed or cleaned members): first and last name,
 * tags as a little CSV line of their own, consent from CONFIRM_TIME or else OPTIN_TIME, and anyone
 * with an UNSUB_TIME or CLEAN_TIME unsubscribed. Mailchimp's own bookkeeping columns are left out
 * unless asked for; the audience's own fields (Address, Phone Number, Birthday, any merge field) and
 * the UNSUB_ and CLEAN_ columns, a record of when and why someone left, become attributes.
 */
final class MailchimpExportRules implements FormatRules {

    /**
     * What Mailchimp adds to every member: its ids (LEID, EUID), its rating, where and when it saw the
     * opt-in and confirmation (kept as the consent time all the same), its guess at where the person
     * lives, when it last changed the record, and its staff notes.
     */
    static final List<String> BOOKKEEPING = List.of("LEID", "EUID", "MEMBER_RATING", "OPTIN_TIME", "OPTIN_IP", "CONFIRM_TIME",
            "CONFIRM_IP", "LATITUDE", "LONGITUDE", "GMTOFF", "DSTOFF", "TIMEZONE", "CC", "REGION", "LAST_CHANGED", "NOTES");

    private final ColumnMap columns;
    private final int unsubscribedAt;
    private final int cleanedAt;
    private final int optedInAt;

    /** @param header the trimmed header */
    MailchimpExportRules(List<String> header) {
        this.optedInAt = header.indexOf("OPTIN_TIME");
        // UNSUB_TIME and CLEAN_TIME stay attributes too, as a record of when and why
        this.unsubscribedAt = header.indexOf("UNSUB_TIME");
        this.cleanedAt = header.indexOf("CLEAN_TIME");
        this.columns = new ColumnMap(header.indexOf(CsvFormat.MAILCHIMP_EMAIL), -1, header.indexOf("First Name"),
                header.indexOf("Last Name"), header.indexOf("TAGS"), -1, -1, -1, header.indexOf("CONFIRM_TIME"), ColumnMap.existing(optedInAt));
    }

    @Override
    public ColumnMap columns() {
        return columns;
    }

    @Override
    public List<String> bookkeepingColumns() {
        return BOOKKEEPING;
    }

    /** {@code "tag one","tag two"}: quoted, with "" for a quote inside. */
    @Override
    public void splitTags(String text, List<String> into) {
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

    @Override
    public String status(ColumnMap columns, IntFunction<String> cell) {
        return !cell.apply(unsubscribedAt).isBlank() || !cell.apply(cleanedAt).isBlank() ? "unsubscribed" : null;
    }

    @Override
    public String consentSource(ColumnMap columns, IntFunction<String> cell) {
        return "mailchimp import";
    }

    @Override
    public int consentTimeColumn(ColumnMap columns, IntFunction<String> cell) {
        return cell.apply(columns.consentAt()).isBlank() ? optedInAt : columns.consentAt();
    }
}
