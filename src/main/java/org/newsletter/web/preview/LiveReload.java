package org.newsletter.web.preview;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import org.newsletter.web.Request;
import org.newsletter.web.Response;
import org.newsletter.web.Route;
import org.newsletter.web.Routes;

/**
 * {@code GET /events}: server-sent events (the HTML standard's {@code text/event-stream}) that tell an
 * open preview page the files changed, so it fetches what it shows again without a click.
 * Each event carries the change count prefixed by a mark of this server's run, so a page that
 * reconnects after a restart sees a new value and refreshes too. Each stream holds a worker thread,
 * so only {@code maxStreams} run at once; a page beyond that is told to try again later, and the
 * other threads stay free for the page's own requests.
 */
final class LiveReload {

    /** A comment line this often finds out a closed tab (the write fails) and keeps the connection alive. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** How soon a page's EventSource reconnects after the stream ends, e.g. when the preview is restarted. */
    private static final int RETRY_MILLIS = 1000;

    private final ChangeCount changes;
    private final Semaphore streams;
    private final String run = Long.toString(System.currentTimeMillis(), 36);

    LiveReload(ChangeCount changes, int maxStreams) {
        this.changes = changes;
        this.streams = new Semaphore(maxStreams);
    }

    Routes routes() {
        // GET only: a HEAD would never write the stream.
        return new Routes().add(new Route(Set.of("GET"), Pattern.compile("/events"), LoopbackHost.only(this::events)));
    }

    private Response events(Request request) {
        return Response.streaming("text/event-stream; charset=utf-8", this::stream);
    }

    private void stream(OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        // The permit is taken here, not in the handler, so a response that is never written holds none.
        if (!streams.tryAcquire()) {
            writer.write(": too many open previews; trying again later\nretry: 10000\n\n");
            writer.flush();
            return;
        }
        try {
            writer.write("retry: " + RETRY_MILLIS + "\n");
            long seen = changes.current();
            event(writer, seen);
            while (!changes.isClosed()) {
                long now = changes.awaitAfter(seen, HEARTBEAT);
                if (now != seen) {
                    seen = now;
                    event(writer, seen);
                } else {
                    writer.write(": keep-alive\n\n");
                    writer.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is stopping: end the stream
        } finally {
            streams.release();
        }
    }

    private void event(Writer writer, long count) throws IOException {
        writer.write("event: change\ndata: " + run + "." + count + "\n\n");
        writer.flush();
    }
}
