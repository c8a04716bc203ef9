package org.newsletter.web;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers the HTTP library gives on its own, before any route runs: a request line or header it
 * cannot parse (400), headers over the size limit (431), a URI too long (414), an unsupported version
 * (505). They carry the same security headers and plain page as every other answer, never a page that
 * names the server or echoes the request, and end the connection.
 */
final class ProtocolErrors extends ErrorHandler {

    private final AnswerWriter writer;
    private final ErrorPages errors;
    private final RequestLog log;

    ProtocolErrors(AnswerWriter writer, ErrorPages errors, RequestLog log) {
        this.writer = writer;
        this.errors = errors;
        this.log = log;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 400;
        Object reason = request.getAttribute(ERROR_MESSAGE);
        log.log("refused " + status + (reason == null ? "" : " (" + RequestLog.mask(reason.toString()) + ")"));
        response.getHeaders().clear();
        writer.send(errors.page(status, message(status)), request, response, true, callback);
        return true;
    }

    private static String message(int status) {
        return switch (status) {
            case 408 -> "error.tooSlow";
            case 413 -> "error.tooLarge";
            case 414, 431 -> "error.tooLong";
            default -> status >= 500 ? "error.internal" : "error.badRequest";
        };
    }
}
