package org.newsletter.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Callback;

/**
 * Puts a {@link Response} on the wire. A known body and a file are written without a thread waiting
 * on the client: a slow reader holds its connection until the idle timeout, not a worker. Only a
 * streaming body (server-sent events) writes from the worker that runs it, which is why those are
 * capped where they are offered.
 */
final class AnswerWriter {

    private final SecurityHeaders security;
    private final ByteBufferPool.Sized fileBuffers;

    AnswerWriter(SecurityHeaders security, ByteBufferPool pool) {
        this.security = security;
        this.fileBuffers = new ByteBufferPool.Sized(pool, true, 64 * 1024);
    }

    /** The headers every answer carries, the library's own error answers included. */
    void securityHeaders(HttpFields.Mutable headers) {
        security.headers().forEach(headers::put);
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    /**
     * Sends {@code answer}; {@code done} learns when the last byte is out or the client went away.
     * With {@code close} the connection ends after it (RFC 9112, 9.6).
     */
    void send(Response answer, org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response out, boolean close,
            Callback done) {
        try {
            out.setStatus(answer.status());
            HttpFields.Mutable headers = out.getHeaders();
            securityHeaders(headers);
            for (Map.Entry<String, String> header : answer.headers().entrySet()) {
                headers.put(header.getKey(), header.getValue());
            }
            headers.put(HttpHeader.CONTENT_TYPE, answer.contentType());
            if (close) {
                headers.put(HttpHeader.CONNECTION, "close");
            }
            if ("HEAD".equals(request.getMethod())) {
                out.write(true, null, done);
            } else if (answer.stream() != null) {
                writeStream(answer.stream(), out, done);
            } else if (answer.file() != null) {
                headers.put(HttpHeader.CONTENT_LENGTH, Files.size(answer.file()));
                Content.copy(Content.Source.from(fileBuffers, answer.file()), out, done);
            } else {
                out.write(true, ByteBuffer.wrap(answer.body()), done);
            }
        } catch (Throwable e) { // NOPMD: whatever goes wrong, the connection must learn of it and be let go
            done.failed(e);
        }
    }

    /** Runs on the calling worker until the stream ends. */
    private static void writeStream(StreamingBody stream, org.eclipse.jetty.server.Response out, Callback done) throws IOException {
        try (OutputStream body = Content.Sink.asOutputStream(out)) {
            stream.writeTo(body);
        }
        done.succeeded();
    }
}
