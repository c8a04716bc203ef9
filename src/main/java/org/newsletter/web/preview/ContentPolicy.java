package org.newsletter.web.preview;

import org.newsletter.web.Response;

/**
 * The policies for documents the preview shows but did not write itself: sandboxed without scripts,
 * so nothing in them runs, even when opened on their own; images from anywhere, as a mail app would
 * load them; inline styles, as emails need; framed only by the preview.
 */
final class ContentPolicy {

    private static final String COMMON = "default-src 'none'; img-src 'self' https: http: data:; style-src 'unsafe-inline'; "
            + "frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    /**
     * The issue's own email and web version keep the preview's origin (still without scripts), so the
     * page can keep the reader's scroll position when a save reloads them.
     */
    static final String ISSUE = "sandbox allow-same-origin allow-popups allow-popups-to-escape-sandbox; " + COMMON;
    /** Anything else (outbox messages, images): an origin of its own, so it cannot touch the page even in principle. */
    static final String OTHER = "sandbox allow-popups allow-popups-to-escape-sandbox; " + COMMON;

    private ContentPolicy() {
    }

    /** The issue's email or web version, rendered by the preview. */
    static Response issue(int status, String html) {
        return Response.html(status, html).withHeader("Content-Security-Policy", ISSUE);
    }

    static Response other(int status, String html) {
        return Response.html(status, html).withHeader("Content-Security-Policy", OTHER);
    }

    static Response bytes(String contentType, byte[] body) {
        return Response.bytes(contentType, body).withHeader("Content-Security-Policy", OTHER);
    }

    /** A file sent as it is read (an image of any size), under the same policy as {@link #bytes}. */
    static Response file(String contentType, java.nio.file.Path file) {
        return Response.file(contentType, file).withHeader("Content-Security-Policy", OTHER);
    }
}
