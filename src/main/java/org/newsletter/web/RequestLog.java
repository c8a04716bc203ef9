package org.newsletter.web;

import java.util.regex.Pattern;

/**
 * Where the server notes each request and each failure, one line apiece. Paths are masked before
 * they get here: a token's signature is cut off, and the query string never appears, so a log that
 * leaks gives nobody a working unsubscribe or confirmation link.
 */
@FunctionalInterface
public interface RequestLog {

    RequestLog NONE = line -> { };

    void log(String line);

    /** A signature-looking run (a dot, then 16 or more base64url characters) becomes "…". */
    Pattern SIGNATURE = Pattern.compile("\\.[A-Za-z0-9_-]{16,}");

    static String mask(String rawPath) {
        return SIGNATURE.matcher(rawPath).replaceAll(".…");
    }
}
