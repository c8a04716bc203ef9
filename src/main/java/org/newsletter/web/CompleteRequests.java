package org.newsletter.web;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty calls this once a request's headers are in. It reads the body as it arrives, without a thread
 * waiting for it, and hands the complete request to a worker: so however slowly clients send, the
 * workers only ever run handlers. A body declared or found to be over the limit is answered 413 here,
 * unread, and so is a full queue (503): neither needs a worker.
 */
final class CompleteRequests extends Handler.Abstract {

    private final Routes routes;
    private final int bodyLimit;
    private final Executor workers;
    private final AnswerWriter writer;
    private final ErrorPages errors;
    private final RequestDeadline deadline;
    private final RequestLog log;

    CompleteRequests(Routes routes, int bodyLimit, Executor workers, AnswerWriter writer, ErrorPages errors, RequestDeadline deadline,
            RequestLog log) {
        this.routes = routes;
        this.bodyLimit = bodyLimit;
        this.workers = workers;
        this.writer = writer;
        this.errors = errors;
        this.deadline = deadline;
        this.log = log;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange exchange = new Exchange(request, response, callback, routes, writer, errors, deadline, log);
        try {
            Connection connection = request.getConnectionMetaData().getConnection();
            deadline.headersReceived(connection, request.getBeginNanoTime());
            if (request.getLength() > bodyLimit) {
                exchange.answerHere(errors.page(413, "error.tooLarge"), true);
                return true;
            }
            BodyReader.read(request, bodyLimit, new BodyReader.Outcome() {
                @Override
                public void complete(byte[] body) {
                    deadline.requestReceived(connection);
                    dispatch(exchange, body);
                }

                @Override
                public void tooLarge() {
                    exchange.answerHere(errors.page(413, "error.tooLarge"), true);
                }

                @Override
                public void failed(Throwable failure) {
                    exchange.abandon(failure); // the client went away, or its request deadline ran out
                }
            });
        } catch (Throwable e) { // NOPMD: whatever it is, this connection's answer must still end
            exchange.abandon(e);
        }
        return true;
    }

    private void dispatch(Exchange exchange, byte[] body) {
        try {
            workers.execute(() -> exchange.serve(body));
        } catch (RejectedExecutionException full) {
            // Every worker busy and the queue full: say so at once rather than pile up requests.
            exchange.answerHere(errors.page(503, "error.overloaded")
                    .withHeader("Retry-After", Long.toString(TimeUnit.MINUTES.toSeconds(1))), false);
        }
    }
}
