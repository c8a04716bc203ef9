package org.newsletter.web;

import java.util.regex.Pattern;
import org.newsletter.model.TerminalText;

/**
 * Where the server notes each request and each failure, one line apiece. What reaches the lines is
 * masked: a token's signature is cut off (also when it is percent-encoded), the query string never
 * appears, and an address, say in a mail server's refusal of a confirmation email, shows only as
 * much as its owner would recognise ({@code a•••e@example.org}). A log that leaks so gives nobody a
 * working unsubscribe or confirmation link, nor a list of addresses. Control characters (a method or
 * path with ESC in it) are escaped, so a client cannot drive the operator's terminal or forge a line.
 */
@FunctionalInterface
public interface RequestLog {

    RequestLog NONE = line -> { };

    void log(String line);

    /**
     * A signature-looking run: a dot, then 16 or more base64url characters, where the dot and any of
     * the characters may be percent-encoded ({@code %2E}, {@code %41}): a path is logged as sent, and
     * the encoded spelling of a token is as good as the plain one to whoever decodes it.
     */
    Pattern SIGNATURE = Pattern.compile("(?:\\.|%2[Ee])(?:[A-Za-z0-9_-]|%(?!2[Ee])[0-9A-Fa-f]{2}){16,}");

    /**
     * The key segment of a private issue's address ({@code /archive/SLUG/~KEY/}), its "~" possibly
     * percent-encoded: it opens the issue to whoever has it, so it is cut off like a token's signature.
     */
    Pattern ARCHIVE_KEY = Pattern.compile("(?:~|%7[Ee])(?:[A-Za-z0-9_-]|%[0-9A-Fa-f]{2}){16,}");

    static String mask(String rawPath) {
        return ARCHIVE_KEY.matcher(SIGNATURE.matcher(rawPath).replaceAll(".…")).replaceAll("~…");
    }

    /** This log, with signatures and addresses masked in every line, whoever writes it. */
    static RequestLog masking(RequestLog out) {
        return line -> out.log(TerminalText.escape(AddressMask.maskAll(mask(line))));
    }
}
