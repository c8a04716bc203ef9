package org.newsletter.web.preview;

import org.newsletter.web.Response;

/**
 * The policy for documents the preview shows but did not write itself (the email, the web version,
 * outbox messages, the images): sandboxed, so nothing in them runs or reaches the preview's
 * page, even if opened on their own; images from anywhere, as a mail app would load them; inline
 * styles, as emails need; framed only by the preview.
 */
final class ContentPolicy {

    static final String CSP = "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; "
            + "img-src 'self' https: http: data:; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    private ContentPolicy() {
    }

    static Response html(int status, String html) {
        return Response.html(status, html).withHeader("Content-Security-Policy", CSP);
    }

    static Response bytes(String contentType, byte[] body) {
        return Response.bytes(contentType, body).withHeader("Content-Security-Policy", CSP);
    }
}
