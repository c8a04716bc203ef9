package org.newsletter.mail;


/**
 * Checks the values that go into headers as they are (addresses, URLs, identifiers), so that none can
 * break the header it goes into: a line break is refused by {@link HeaderValues#requireSingleLine}, and
 * anything outside the value's syntax is refused here, with the header's name, never quietly mended.
 */
public final class HeaderSyntax {

    /** RFC 3986 section 2: the characters a URI may hold (unreserved, reserved and "%"). */
    private static final String URI_SPECIALS = "-._~:/?#[]@!$&'()*+,;=%";

    private HeaderSyntax() {
    }

    /**
     * An addr-spec of dot-atoms (RFC 5322 section 3.4.1): ASCII, one "@", no quoted local part. Domains
     * are ASCII already (international ones in their punycode form, as {@code EmailAddress} keeps them).
     */
    static String requireAddress(String field, String address) {
        HeaderValues.requireSingleLine(field, address);
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1 || !isDotAtom(address, 0, at) || !isDotAtom(address, at + 1, address.length())) {
            throw new IllegalArgumentException(field + " address is not a plain local@domain address: " + address);
        }
        return address;
    }

    /** A Message-ID without its angle brackets: {@code dot-atom "@" dot-atom} (RFC 5322 section 3.6.4). */
    public static String requireMessageId(String messageId) {
        HeaderValues.requireSingleLine("Message-ID", messageId);
        int at = messageId.lastIndexOf('@');
        if (at <= 0 || !isDotAtom(messageId, 0, at) || !isDotAtom(messageId, at + 1, messageId.length())) {
            throw new IllegalArgumentException("Message-ID must be left@right made of dot-atoms, without <>: " + messageId);
        }
        return messageId;
    }

    /** An RFC 2919 list identifier without brackets: a dot-atom such as {@code newsletter.example.org}. */
    public static String requireListId(String listId) {
        HeaderValues.requireSingleLine("List-Id", listId);
        if (!isDotAtom(listId, 0, listId.length()) || listId.indexOf('.') < 0) {
            throw new IllegalArgumentException("List-Id must be a dot-atom such as newsletter.example.org: " + listId);
        }
        return listId;
    }

    /** A URI as RFC 2369 puts it in angle brackets: only RFC 3986 characters, so no space, "<" or ">". */
    public static String requireUri(String field, String uri) {
        HeaderValues.requireSingleLine(field, uri);
        boolean valid = !uri.isEmpty();
        for (int i = 0; valid && i < uri.length(); i++) {
            char c = uri.charAt(i);
            valid = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || URI_SPECIALS.indexOf(c) >= 0;
        }
        if (!valid) {
            throw new IllegalArgumentException(field + " URI must be ASCII with its special characters percent-encoded: " + uri);
        }
        return uri;
    }

    private static boolean isDotAtom(String text, int from, int to) {
        if (from >= to || text.charAt(from) == '.' || text.charAt(to - 1) == '.') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '.' ? text.charAt(i - 1) == '.' : !HeaderWords.isAtext(c)) {
                return false;
            }
        }
        return true;
    }
}
