package org.newsletter.web;

import java.io.ByteArrayOutputStream;
import org.eclipse.jetty.io.Content;

/**
 * Reads a request body without a thread waiting for it: each part is taken as it arrives, and the
 * reader asks to be called again when there is more. Only a complete body goes on to a worker, so a
 * client that sends a byte a second holds a connection (until the request deadline), not a thread.
 */
final class BodyReader {

    /** What becomes of the body. Exactly one method is called, once. */
    interface Outcome {

        void complete(byte[] body);

        /** More than the limit arrived (a chunked body, whose length is not declared up front). */
        void tooLarge();

        void failed(Throwable failure);
    }

    private final Content.Source source;
    private final int limit;
    private final Outcome outcome;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    private BodyReader(Content.Source source, int limit, Outcome outcome) {
        this.source = source;
        this.limit = limit;
        this.outcome = outcome;
    }

    static void read(Content.Source source, int limit, Outcome outcome) {
        new BodyReader(source, limit, outcome).readAvailable();
    }

    private void readAvailable() {
        while (true) {
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                source.demand(this::readAvailable);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                outcome.failed(chunk.getFailure());
                return;
            }
            try {
                int size = chunk.remaining();
                if (body.size() + (long) size > limit) {
                    outcome.tooLarge();
                    return;
                }
                byte[] part = new byte[size];
                chunk.get(part, 0, size);
                body.write(part, 0, size);
                if (chunk.isLast()) {
                    outcome.complete(body.toByteArray());
                    return;
                }
            } finally {
                chunk.release();
            }
        }
    }
}
