package org.newsletter.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers: status, type, body and any extra headers. The server adds the security
 * headers to every response. A response with a {@code stream} is sent chunked, written as it goes
 * (server-sent events); one with a {@code file} sends that file's bytes as the client takes them,
 * never holding the whole file in memory (a 48 MB picture asked for eight times at once is not
 * 384 MB of heap). {@code body} is then empty.
 */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers, StreamingBody stream, Path file) {

    public Response {
        headers = Map.copyOf(headers);
    }

    /** A response whose whole body is known. */
    public Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, null, null);
    }

    public Response(int status, String contentType, byte[] body, Map<String, String> headers, StreamingBody stream) {
        this(status, contentType, body, headers, stream, null);
    }

    /**
     * 200 with the bytes of {@code file}, read as they are sent. The file is opened when the answer
     * goes out; if it has gone by then, the answer is a 404.
     */
    public static Response file(String contentType, Path file) {
        return new Response(200, contentType, new byte[0], Map.of(), null, java.util.Objects.requireNonNull(file, "file"));
    }

    /** 200 with a body written while the connection stays open, e.g. {@code text/event-stream}. */
    public static Response streaming(String contentType, StreamingBody stream) {
        return new Response(200, contentType, new byte[0], Map.of(), java.util.Objects.requireNonNull(stream, "stream"));
    }

    public static Response html(int status, String html) {
        return new Response(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static Response text(int status, String text) {
        return new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static Response bytes(String contentType, byte[] body) {
        return new Response(200, contentType, body, Map.of());
    }

    /**
     * 303 to a path on this site. Only a path is accepted (one leading "/", no scheme, no "//"),
     * so nothing taken from a request can turn this into an open redirect.
     */
    public static Response seeOther(String localPath) {
        if (!localPath.startsWith("/") || localPath.startsWith("//") || localPath.startsWith("/\\")
                || localPath.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw new IllegalArgumentException("not a local path: " + localPath);
        }
        return new Response(303, "text/plain; charset=utf-8", new byte[0], Map.of("Location", localPath));
    }

    /**
     * 301 to a path on this site, for an address that moved for good (e.g. one missing its trailing
     * slash). The same local-path rule as {@link #seeOther}.
     */
    public static Response movedPermanently(String localPath) {
        Response checked = seeOther(localPath);
        return new Response(301, checked.contentType(), checked.body(), checked.headers());
    }

    public Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, more, stream, file);
    }
}
