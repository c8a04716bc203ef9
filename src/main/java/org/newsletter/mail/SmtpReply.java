package org.newsletter.mail;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's reply (RFC 5321 section 4.2): the three-digit code, the enhanced status code of
 * RFC 3463 when the server gave one, and the text.
 */
public record SmtpReply(int code, String enhancedStatus, String text) {

    private static final Pattern LINE = Pattern.compile("^(\\d{3})[ -]?(?:([245]\\.\\d{1,3}\\.\\d{1,3})\\s+)?(.*)$", Pattern.DOTALL);
    private static final Pattern NO_SUCH_USER_TEXT = Pattern.compile(
            "user unknown|unknown user|no such user|no such mailbox|mailbox not found|does not exist|recipient not found|invalid recipient|address rejected",
            Pattern.CASE_INSENSITIVE);

    public SmtpReply {
        Objects.requireNonNull(text, "text");
        enhancedStatus = enhancedStatus == null || enhancedStatus.isBlank() ? null : enhancedStatus;
    }

    /** Parses one reply line such as {@code 550 5.1.1 <a@b.c>: Recipient address rejected}; null if it is not one. */
    public static SmtpReply parse(String line) {
        if (line == null) {
            return null;
        }
        Matcher m = LINE.matcher(line.strip());
        if (!m.matches()) {
            return null;
        }
        return new SmtpReply(Integer.parseInt(m.group(1)), m.group(2), m.group(3).strip());
    }

    public boolean positive() {
        return code >= 200 && code < 400;
    }

    public boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    public boolean permanentFailure() {
        return code >= 500;
    }

    /**
     * "No such user": RFC 3463 status 5.1.1 (bad destination mailbox) or 5.1.10 (RFC 7505 null MX
     * aside, a recipient address that does not exist), or a 550/551/553 whose text says so when the
     * server gives no enhanced code. Such an address is suppressed, never tried again.
     */
    public boolean noSuchUser() {
        if (!permanentFailure()) {
            return false;
        }
        if (enhancedStatus != null) {
            return enhancedStatus.equals("5.1.1") || enhancedStatus.equals("5.1.10");
        }
        return (code == 550 || code == 551 || code == 553) && NO_SUCH_USER_TEXT.matcher(text).find();
    }

    @Override
    public String toString() {
        return code + (enhancedStatus == null ? "" : " " + enhancedStatus) + (text.isEmpty() ? "" : " " + text);
    }
}
