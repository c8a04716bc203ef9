package org.newsletter.web;

import java.io.IOException;

/** A request body over the server's limit: answered 413 and the connection closed. */
final class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    BodyTooLargeException(int limit) {
        super("request body over " + limit + " bytes");
    }
}
