package org.newsletter.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.io.QuietException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.newsletter.store.DatabaseBusyException;

/**
 * One request's handling, from routing to the last byte of the answer, and its one log line. Whatever
 * a handler throws, {@code Error}s such as OutOfMemoryError included, becomes a plain 500 page (or a
 * 503 when the database was busy) and never a stack trace; after a 500 the connection is closed.
 */
final class Exchange {

    private final Request request;
    private final org.eclipse.jetty.server.Response response;
    private final Callback callback;
    private final Routes routes;
    private final AnswerWriter writer;
    private final ErrorPages errors;
    private final RequestDeadline deadline;
    private final RequestLog log;
    private final String method;
    private final String path;
    private final long started = System.nanoTime();
    private final AtomicBoolean ended = new AtomicBoolean();

    Exchange(Request request, org.eclipse.jetty.server.Response response, Callback callback, Routes routes, AnswerWriter writer,
            ErrorPages errors, RequestDeadline deadline, RequestLog log) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.routes = routes;
        this.writer = writer;
        this.errors = errors;
        this.deadline = deadline;
        this.log = log;
        this.method = request.getMethod();
        String raw = request.getHttpURI().getPath();
        this.path = raw == null ? "" : raw;
    }

    /** On a worker: routes the complete request and sends the answer. */
    void serve(byte[] body) {
        Response answer;
        boolean close = false;
        try {
            answer = route(body);
            if (answer.file() != null && !Files.isReadable(answer.file())) {
                answer = errors.notFound(); // removed since the handler looked
            }
        } catch (Throwable e) { // NOPMD: an Error in one request must not take the worker or the connection with it
            log.log("error " + method + " " + RequestLog.mask(path) + ": " + describe(e));
            if (DatabaseBusyException.causedBy(e)) {
                // Nothing was recorded; say so, and when to try again (RFC 9110, 10.2.3).
                answer = errors.page(503, "error.busy")
                        .withHeader("Retry-After", "120");
            } else {
                answer = errors.page(500, "error.internal");
                close = true;
            }
        }
        answerHere(answer, close);
    }

    /** Sends {@code answer} from the calling thread, without waiting for a slow client. */
    void answerHere(Response answer, boolean close) {
        writer.send(answer, request, response, close, Callback.from(() -> end(answer.status(), null), failure -> end(answer.status(), failure)));
    }

    /** The request cannot be answered: its connection broke or is closed by the deadline. */
    void abandon(Throwable failure) {
        if (ended.compareAndSet(false, true)) {
            callback.failed(quiet(failure));
        }
    }

    /**
     * As Jetty's "the other end went away": it then closes the connection without logging a stack
     * trace of its own; what happened is in this exchange's log line.
     */
    private static Throwable quiet(Throwable failure) {
        return QuietException.isQuiet(failure) ? failure : new EofException(failure);
    }

    private void end(int status, Throwable failure) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        Connection connection = request.getConnectionMetaData().getConnection();
        deadline.answered(connection);
        log.log(method + " " + RequestLog.mask(path) + " " + status + " " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + "ms"
                + (failure == null ? "" : " (not delivered: " + describe(failure) + ")"));
        if (failure == null) {
            callback.succeeded();
        } else {
            callback.failed(quiet(failure));
        }
    }

    private Response route(byte[] body) throws java.io.IOException {
        Routes.Match match = routes.match(method, path);
        if (match instanceof Routes.Found found) {
            String query = request.getHttpURI().getQuery();
            return found.handler().handle(new org.newsletter.web.Request(method, path, query, request.getHeaders(), remoteAddress(),
                    found.parameters(), body));
        }
        if (match instanceof Routes.WrongMethod wrong) {
            return errors.page(405, "error.method").withHeader("Allow", String.join(", ", wrong.allowed()));
        }
        return errors.notFound();
    }

    private InetAddress remoteAddress() {
        return ((InetSocketAddress) request.getConnectionMetaData().getRemoteSocketAddress()).getAddress();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + RequestLog.mask(message.lines().findFirst().orElse("")));
    }
}
