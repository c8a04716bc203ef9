package org.newsletter.web;

import java.io.IOException;

/** Answers one request. Throwing is allowed: the server turns it into a plain error page. */
@FunctionalInterface
public interface Handler {

    Response handle(Request request) throws IOException;
}
