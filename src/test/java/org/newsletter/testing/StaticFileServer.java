package org.newsletter.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves one folder read-only over HTTP on a random loopback port, under a path prefix, so that a
 * browser loads a build's pages and images from the same URLs as from the real site. The folder may
 * be filled after the server has started (the port must be known before building). Paths that leave
 * the folder are refused.
 */
public final class StaticFileServer implements AutoCloseable {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "txt", "text/plain; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "png", "image/png",
            "gif", "image/gif",
            "svg", "image/svg+xml",
            "ics", "text/calendar; charset=utf-8",
            "eml", "message/rfc822");

    private final HttpServer server;
    private final ExecutorService executor;
    private final String prefix;
    private final Path folder;

    private StaticFileServer(String prefix, Path folder) throws IOException {
        this.prefix = prefix;
        this.folder = folder.toAbsolutePath().normalize();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "static-file-server");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts serving {@code folder} at {@code http://127.0.0.1:PORT{prefix}}; prefix starts and ends with '/'. */
    public static StaticFileServer serve(String prefix, Path folder) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("prefix must start and end with '/': " + prefix);
        }
        try {
            return new StaticFileServer(prefix, folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a local HTTP server", e);
        }
    }

    /** {@code http://127.0.0.1:PORT/}, with a trailing slash. */
    public String origin() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/";
    }

    /** The URL of a file in the served folder. */
    public String url(String relative) {
        return origin() + prefix.substring(1) + relative;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(exchange, 405, "method not allowed");
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            if (!path.startsWith(prefix)) {
                send(exchange, 404, "not found");
                return;
            }
            String relative = URLDecoder.decode(path.substring(prefix.length()).replace("+", "%2B"), StandardCharsets.UTF_8);
            Path file;
            try {
                file = folder.resolve(relative).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                send(exchange, 400, "bad path");
                return;
            }
            if (relative.indexOf('\0') >= 0 || relative.startsWith("/") || !file.startsWith(folder)) {
                send(exchange, 403, "forbidden");
                return;
            }
            if (!Files.isRegularFile(file)) {
                send(exchange, 404, "not found");
                return;
            }
            if (!file.toRealPath().startsWith(folder.toRealPath())) {
                send(exchange, 403, "forbidden");
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().set("Content-Type", contentType(file));
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static void send(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
