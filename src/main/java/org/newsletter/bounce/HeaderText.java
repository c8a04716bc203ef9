package org.newsletter.bounce;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the header values reports carry: message ids, address lists, encoded words (RFC 2047). */
final class HeaderText {

    static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+)>");

    private HeaderText() {
    }

    /** The id inside {@code <…>}, or the bare value; null when there is none. */
    static String messageId(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = ANGLE_ID.matcher(header);
        return m.find() ? m.group(1) : header.isBlank() ? null : header.strip();
    }

    /**
     * The addresses of a comma-separated list, each without its display name or its RFC 3464 address
     * type ({@code rfc822;}); items without an {@code @} (such as a redacted "redacted") are left out.
     */
    static List<String> addresses(String header) {
        List<String> addresses = new ArrayList<>();
        if (header == null) {
            return addresses;
        }
        for (String item : header.split(",")) {
            String address = DeliveryStatusFields.typed(item).replaceAll("^.*<|>.*$", "").strip();
            if (address.indexOf('@') > 0) {
                addresses.add(address);
            }
        }
        return addresses;
    }

    /** The unfolded, decoded text of an unstructured field such as Subject; empty when absent. */
    static String decoded(String header) {
        if (header == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(header)).strip();
        } catch (UnsupportedEncodingException e) {
            return MimeUtility.unfold(header).strip(); // an unknown charset in an encoded-word: shown as written
        }
    }

    /** Group 1 of every match, in order. */
    static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
