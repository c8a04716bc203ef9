package org.newsletter.model;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A subscriber's e-mail address, validated on creation: "practical RFC 5321/5322", meaning we accept what
 * real mailbox providers accept and what our SMTP path (plain ASCII, no SMTPUTF8) can deliver to, and reject
 * the rest with a short reason ({@link InvalidAddressException}).
 *
 * <p>The local part is a dot-atom kept exactly as written (case included); the domain is normalised to
 * lower-case ASCII, with international names in their punycode ({@code xn--}) form. Two addresses are
 * {@linkplain #equals equal} when both components are; {@link #key()} is the case-insensitive identity that
 * uniqueness and suppression compare.
 *
 * <p>Rejected on purpose: quoted local parts, non-ASCII local parts (they need SMTPUTF8), IP addresses and
 * address literals, single-label domains such as {@code localhost}, a trailing dot on the domain, display
 * names and angle brackets, and any whitespace or control character inside the address.
 */
public record EmailAddress(String localPart, String domain) {

    /** RFC 5321 §4.5.3.1.1. */
    public static final int MAX_LOCAL_PART = 64;
    /** RFC 5321 §4.5.3.1.2. */
    public static final int MAX_DOMAIN = 255;
    /** RFC 5321 §4.5.3.1.3 caps a path at 256 octets including the angle brackets: 254 for the address. */
    public static final int MAX_ADDRESS = 254;
    /** RFC 1035 §2.3.4. */
    private static final int MAX_LABEL = 63;

    /** RFC 5322 §3.2.3 atext, besides letters and digits. */
    private static final String ATEXT_SPECIALS = "!#$%&'*+/=?^_`{|}~-";
    /** Besides '.', the full stops IDNA treats as label separators: ideographic, full-width and half-width. */
    private static final String IDN_DOTS = "\u3002\uFF0E\uFF61";

    /**
     * Validates both parts and normalises the domain, so an address built directly is held to the same rules
     * as a parsed one. Surrounding whitespace is <em>not</em> trimmed here; use {@link #parse} for user input.
     */
    public EmailAddress {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
        String plain = plainLocalPart(localPart) ? plainDomain(domain) : null;
        if (plain != null) {
            // Nearly every address: both parts pass every check below in one pass each.
            domain = plain;
        } else {
            domain = checked(localPart, domain);
        }
        int length = localPart.length() + 1 + domain.length();
        if (length > MAX_ADDRESS) {
            throw invalid(AddressProblem.TOO_LONG, MAX_ADDRESS, length);
        }
    }

    /** Every check of both parts, in the order that gives the most useful reason; returns the normalised domain. */
    private static String checked(String localPart, String domain) {
        checkCharacters(localPart);
        checkCharacters(domain);
        checkSpaces(localPart);
        checkSpaces(domain);
        checkLocalPart(localPart);
        return normaliseDomain(domain);
    }

    /**
     * Parses and validates an address as a person typed it or a CSV cell held it: surrounding whitespace is
     * trimmed, anything else that is wrong throws {@link InvalidAddressException} with a reason such as
     * "no @", "spaces are not allowed", "consecutive dots in the local part", "domain label 'a_b' has an
     * invalid character '_'", "local part is longer than 64 characters (65)" or "line break in address".
     */
    public static EmailAddress parse(String raw) {
        if (raw == null) {
            throw invalid(AddressProblem.EMPTY);
        }
        String address = strip(raw);
        if (address.isEmpty()) {
            throw invalid(AddressProblem.EMPTY);
        }
        int at = singleAt(address);
        if (at > 0) {
            return new EmailAddress(address.substring(0, at), address.substring(at + 1));
        }
        checkCharacters(address);
        if (address.indexOf('<') >= 0 || address.indexOf('>') >= 0) {
            throw invalid(AddressProblem.DISPLAY_NAME);
        }
        at = address.lastIndexOf('@');
        int quote = address.indexOf('"');
        if (at > 0 && quote >= 0 && quote < at) {
            throw invalid(AddressProblem.QUOTED);
        }
        int ats = 0;
        for (int i = 0; i < address.length(); i++) {
            if (address.charAt(i) == '@') {
                ats++;
            }
        }
        if (ats > 1 && (address.indexOf(',') >= 0 || address.indexOf(';') >= 0)) {
            throw invalid(AddressProblem.SEVERAL);
        }
        checkSpaces(address);
        if (ats == 0) {
            throw invalid(address.indexOf('\uFF20') >= 0 ? AddressProblem.FULL_WIDTH_AT : AddressProblem.NO_AT);
        }
        if (ats > 1) {
            throw invalid(AddressProblem.MORE_THAN_ONE_AT);
        }
        if (at == 0) {
            throw invalid(AddressProblem.NOTHING_BEFORE_AT);
        }
        if (at == address.length() - 1) {
            throw invalid(AddressProblem.NOTHING_AFTER_AT);
        }
        return new EmailAddress(address.substring(0, at), address.substring(at + 1));
    }

    /** The address as it is sent: {@code localPart@domain}, the domain lower-case ASCII (punycode for IDNs). */
    @Override
    public String toString() {
        return localPart + "@" + domain;
    }

    /**
     * The address as people read it: an international domain in Unicode (its U-labels, RFC 5890 §2.3.2.1),
     * so a reader sees {@code dan@ドメイン.jp} where the wire has {@code dan@xn--r8jz45g.jp}. For what a
     * person reads only; headers and SMTP keep {@link #toString()}.
     */
    public String toUnicodeString() {
        return unicodeForm(toString());
    }

    /**
     * {@link #toUnicodeString()} of an address already written out by {@link #toString()}. A label that is
     * not valid punycode stays as it is: showing the ASCII form is never wrong, only less friendly.
     */
    public static String unicodeForm(String address) {
        int at = address.lastIndexOf('@');
        String domain = "." + address.substring(at + 1).toLowerCase(Locale.ROOT);
        if (at < 0 || !domain.contains(".xn--")) {
            return address;
        }
        return address.substring(0, at + 1) + IDN.toUnicode(address.substring(at + 1), IDN.ALLOW_UNASSIGNED);
    }

    /**
     * The whole address lower-cased: what uniqueness and suppression compare, since mailbox providers treat
     * local parts case-insensitively in practice. Never used to send.
     */
    public String key() {
        return keyOf(toString());
    }

    /** {@link #key()} of an address already written out by {@link #toString()}, without writing it again. */
    public static String keyOf(String address) {
        return address.toLowerCase(Locale.ROOT);
    }

    // ---- characters anywhere in the address ----

    /** Whitespace at either end, including the no-break spaces and byte order mark that copy and paste bring along. */
    private static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isBlank(s.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }

    /**
     * True when every character is printable ASCII other than the space: then none of the checks on
     * characters below can fail. Almost every address is like this, and the checks by code point cost
     * more than the rest of the validation on a million-row import.
     */
    private static boolean printableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Line breaks first (they would allow header injection), then tabs, control and invisible characters. */
    private static void checkCharacters(String s) {
        if (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
            throw invalid(AddressProblem.LINE_BREAK);
        }
        if (printableAscii(s)) {
            return;
        }
        s.codePoints().forEach(c -> {
            if (c == '\t') {
                throw invalid(AddressProblem.TAB);
            }
            if (Character.isISOControl(c)) {
                throw invalid(AddressProblem.CONTROL_CHARACTER, codePoint(c));
            }
            int type = Character.getType(c);
            if (type == Character.FORMAT) {
                throw invalid(AddressProblem.INVISIBLE_CHARACTER, codePoint(c));
            }
            if (type == Character.SURROGATE) {
                throw invalid(AddressProblem.BROKEN_CHARACTER, codePoint(c));
            }
        });
    }

    private static void checkSpaces(String s) {
        if (printableAscii(s)) {
            return;
        }
        if (s.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            throw invalid(AddressProblem.SPACE);
        }
    }

    /**
     * The position of the only @ when the address has nothing any check of {@link #parse} is about
     * (printable ASCII without spaces, brackets, quotes or list separators, one @ with something on
     * both sides); -1 when the full checks must run, to accept it or to say what is wrong.
     */
    private static int singleAt(String address) {
        int at = -1;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c == '@') {
                if (at >= 0) {
                    return -1;
                }
                at = i;
            } else if (c <= ' ' || c >= 0x7f || c == '<' || c == '>' || c == '"' || c == ',' || c == ';') {
                return -1;
            }
        }
        return at > 0 && at < address.length() - 1 ? at : -1;
    }

    // ---- local part ----

    /** True when the local part is a valid dot-atom of at most 64 characters, checked in one pass. */
    private static boolean plainLocalPart(String local) {
        int length = local.length();
        if (length == 0 || length > MAX_LOCAL_PART || local.charAt(0) == '.' || local.charAt(length - 1) == '.') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = local.charAt(i);
            if (c == '.' ? local.charAt(i - 1) == '.' : !isAtext(c)) {
                return false;
            }
        }
        return true;
    }

    private static void checkLocalPart(String local) {
        if (local.isEmpty()) {
            throw invalid(AddressProblem.NOTHING_BEFORE_AT);
        }
        if (local.indexOf('"') >= 0) {
            throw invalid(AddressProblem.QUOTED);
        }
        for (int i = 0; i < local.length(); i++) {
            if (local.charAt(i) >= 0x80) {
                throw invalid(AddressProblem.NON_ASCII_LOCAL_PART);
            }
        }
        if (local.length() > MAX_LOCAL_PART) {
            throw invalid(AddressProblem.LOCAL_PART_TOO_LONG, MAX_LOCAL_PART, local.length());
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c != '.' && !isAtext(c)) {
                throw invalid(AddressProblem.LOCAL_PART_CHARACTER, c);
            }
        }
        if (local.startsWith(".")) {
            throw invalid(AddressProblem.LOCAL_PART_STARTS_WITH_DOT);
        }
        if (local.endsWith(".")) {
            throw invalid(AddressProblem.LOCAL_PART_ENDS_WITH_DOT);
        }
        if (local.contains("..")) {
            throw invalid(AddressProblem.LOCAL_PART_DOTS);
        }
    }

    private static boolean isAtext(char c) {
        return isLetterOrDigit(c) || ATEXT_SPECIALS.indexOf(c) >= 0;
    }

    private static boolean isLetterOrDigit(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    // ---- domain ----

    private static String normaliseDomain(String domain) {
        if (domain.isEmpty()) {
            throw invalid(AddressProblem.NOTHING_AFTER_AT);
        }
        if (domain.startsWith("[")) {
            throw invalid(AddressProblem.ADDRESS_LITERAL);
        }
        String plain = plainDomain(domain);
        if (plain != null) {
            return plain;
        }
        List<String> labels = splitLabels(domain);
        if (labels.get(0).isEmpty()) {
            throw invalid(AddressProblem.DOMAIN_STARTS_WITH_DOT);
        }
        if (labels.get(labels.size() - 1).isEmpty()) {
            throw invalid(AddressProblem.DOMAIN_ENDS_WITH_DOT);
        }
        if (labels.contains("")) {
            throw invalid(AddressProblem.DOMAIN_DOTS);
        }
        List<String> ascii = new ArrayList<>(labels.size());
        for (String label : labels) {
            ascii.add(asciiLabel(label));
        }
        if (ascii.size() < 2) {
            throw invalid(AddressProblem.DOMAIN_NEEDS_DOT);
        }
        if (ascii.stream().allMatch(EmailAddress::isNumeric)) {
            throw invalid(AddressProblem.IP_ADDRESS);
        }
        String tld = ascii.get(ascii.size() - 1);
        if (isNumeric(tld)) {
            throw invalid(AddressProblem.NUMERIC_TOP_LEVEL, tld);
        }
        String result = String.join(".", ascii);
        if (result.length() > MAX_DOMAIN) {
            throw invalid(AddressProblem.DOMAIN_TOO_LONG, MAX_DOMAIN, result.length());
        }
        return result;
    }

    /**
     * The domain lower-cased when it is plain ASCII that passes every rule below (nearly every real
     * address), checked in one pass without splitting it; null when anything needs the full path,
     * which also gives the reason when the domain is invalid.
     */
    private static String plainDomain(String domain) {
        int length = domain.length();
        if (length > MAX_DOMAIN) {
            return null;
        }
        int labels = 0;
        int labelStart = 0;
        boolean labelNumeric = true;
        boolean upperCase = false;
        for (int i = 0; i <= length; i++) {
            char c = i < length ? domain.charAt(i) : '.';
            if (c == '.') {
                int labelLength = i - labelStart;
                if (labelLength == 0 || labelLength > MAX_LABEL || domain.charAt(labelStart) == '-' || domain.charAt(i - 1) == '-') {
                    return null;
                }
                labels++;
                if (i == length && labelNumeric) {
                    return null; // an all-digit top-level domain (and so perhaps an IP address)
                }
                labelStart = i + 1;
                labelNumeric = true;
            } else if (c >= 'a' && c <= 'z' || c == '-') {
                labelNumeric = false;
            } else if (c >= 'A' && c <= 'Z') {
                labelNumeric = false;
                upperCase = true;
            } else if (c < '0' || c > '9') {
                return null;
            }
        }
        if (labels < 2) {
            return null;
        }
        return upperCase ? domain.toLowerCase(Locale.ROOT) : domain;
    }

    /** Splits at every label separator, keeping empty labels so that stray dots can be reported. */
    private static List<String> splitLabels(String domain) {
        List<String> labels = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < domain.length(); i++) {
            char c = domain.charAt(i);
            if (c == '.' || IDN_DOTS.indexOf(c) >= 0) {
                labels.add(domain.substring(start, i));
                start = i + 1;
            }
        }
        labels.add(domain.substring(start));
        return labels;
    }

    /** One label as it goes into DNS: lower-case letters, digits and hyphens, 1 to 63 of them. */
    private static String asciiLabel(String label) {
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c < 0x80 && c != '-' && !isLetterOrDigit(c)) {
                throw invalid(AddressProblem.LABEL_CHARACTER, shorten(label), c);
            }
        }
        if (label.startsWith("-")) {
            throw invalid(AddressProblem.LABEL_STARTS_WITH_HYPHEN, shorten(label));
        }
        if (label.endsWith("-")) {
            throw invalid(AddressProblem.LABEL_ENDS_WITH_HYPHEN, shorten(label));
        }
        String ascii;
        if (isAscii(label)) {
            ascii = label.toLowerCase(Locale.ROOT);
        } else {
            ascii = internationalLabel(label);
        }
        if (ascii.length() > MAX_LABEL) {
            throw invalid(AddressProblem.LABEL_TOO_LONG, shorten(label), MAX_LABEL);
        }
        return ascii;
    }

    /**
     * Converts with java.net.IDN (IDNA 2003). Its mapping of 'ß' and final 'ς' differs from IDNA 2008, which
     * registries use now ({@code faß.de} would become {@code fass.de}, another domain), so those are refused
     * rather than sent somewhere else.
     */
    private static String internationalLabel(String label) {
        for (char deviation : new char[] {'\u00DF', '\u03C2'}) {
            if (label.indexOf(deviation) >= 0) {
                throw invalid(AddressProblem.LABEL_IDN_DEVIATION, shorten(label), deviation);
            }
        }
        String ascii;
        try {
            ascii = IDN.toASCII(label, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw invalid(AddressProblem.LABEL_NOT_INTERNATIONAL, shorten(label), idnReason(e));
        }
        // Nameprep can map characters to nothing or to ASCII punctuation (U+2488 becomes "1."); check the result.
        boolean ldh = !ascii.isEmpty() && ascii.chars().allMatch(c -> c == '-' || isLetterOrDigit(c))
                && !ascii.startsWith("-") && !ascii.endsWith("-");
        if (!ldh) {
            throw invalid(AddressProblem.LABEL_DOES_NOT_CONVERT, shorten(label), ascii);
        }
        return ascii;
    }

    private static String idnReason(IllegalArgumentException e) {
        String message = e.getMessage() == null ? "rejected" : e.getMessage();
        String prefix = "java.text.ParseException: ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static boolean isNumeric(String label) {
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String label) {
        for (int i = 0; i < label.length(); i++) {
            if (label.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    // ---- messages ----

    private static String shorten(String label) {
        return label.length() <= 24 ? label : label.substring(0, 20) + "…";
    }

    private static String codePoint(int c) {
        return String.format(Locale.ROOT, "U+%04X", c);
    }

    private static InvalidAddressException invalid(AddressProblem problem, Object... values) {
        String[] text = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            text[i] = String.valueOf(values[i]);
        }
        return new InvalidAddressException(problem, text);
    }
}
