package org.newsletter.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An address shown partly hidden ({@code j•••e@example.org}): enough for the owner to recognise it,
 * not enough to harvest from a forwarded link or a log.
 */
final class AddressMask {

    /**
     * Something shaped like an address inside other text (a mail server's reply, say): a local part of
     * the characters RFC 5322's dot-atoms allow, an "@", and a domain. Percent-encoded (%40) and
     * quoted local parts are left to {@link RequestLog#mask}'s rule of never logging queries.
     */
    private static final Pattern IN_TEXT = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.•-]+@[A-Za-z0-9.-]+");

    private AddressMask() {
    }

    static String mask(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return "•••";
        }
        String local = address.substring(0, at);
        int first = local.offsetByCodePoints(0, 1);
        String shown = local.codePointCount(0, local.length()) > 2
                ? local.substring(0, first) + "•••" + local.substring(local.offsetByCodePoints(local.length(), -1))
                : local.substring(0, first) + "•••";
        return shown + address.substring(at);
    }

    /** {@code text} with every address in it masked; one already masked stays as it is. */
    static String maskAll(String text) {
        if (text.indexOf('@') < 0) {
            return text;
        }
        Matcher m = IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String found = m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(found.contains("•••") ? found : mask(found)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
