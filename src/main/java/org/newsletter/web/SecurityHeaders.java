package org.newsletter.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers every response carries. The default policy suits pages that run no script: nothing
 * loads from elsewhere but images, forms post only to this site, no other site may frame a page
 * (clickjacking an "Unsubscribe" button), and no Referer leaves with a token in it.
 */
public record SecurityHeaders(String contentSecurityPolicy, String frameOptions) {

    /** For what subscribers reach: no scripts at all. */
    public static final SecurityHeaders PUBLIC = new SecurityHeaders(
            "default-src 'none'; img-src 'self' https: data:; style-src 'unsafe-inline'; form-action 'self'; "
                    + "frame-ancestors 'none'; base-uri 'none'",
            "DENY");

    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", contentSecurityPolicy);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", frameOptions);
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        return headers;
    }
}
