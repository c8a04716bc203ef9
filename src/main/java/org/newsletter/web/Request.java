package org.newsletter.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as handlers see it: method, decoded path, the parts a route matched, query and
 * form parameters, and a body read only up to a limit.
 */
public final class Request {

    private final HttpExchange exchange;
    private final List<String> pathParameters;
    private final int bodyLimit;
    private byte[] body;

    Request(HttpExchange exchange, List<String> pathParameters, int bodyLimit) {
        this.exchange = exchange;
        this.pathParameters = List.copyOf(pathParameters);
        this.bodyLimit = bodyLimit;
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    /** The path as sent (percent-encoded), which is what routes match. */
    public String path() {
        return exchange.getRequestURI().getRawPath();
    }

    /** The {@code n}th part of the path the route captured, counting from 0. */
    public String pathParameter(int n) {
        return pathParameters.get(n);
    }

    public InetAddress remoteAddress() {
        return exchange.getRemoteAddress().getAddress();
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    public Map<String, String> query() {
        Map<String, String> first = new LinkedHashMap<>();
        parseFormValues(Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("")).forEach((n, v) -> first.put(n, v.get(0)));
        return first;
    }

    /**
     * The body, read at most once; a body over the limit is refused (413) without reading the rest,
     * so a client cannot make the server hold more than {@code bodyLimit} bytes for it.
     */
    public byte[] body() throws IOException {
        if (body == null) {
            String declared = exchange.getRequestHeaders().getFirst("Content-Length");
            if (declared != null && parseLength(declared) > bodyLimit) {
                throw new BodyTooLargeException(bodyLimit);
            }
            body = readAtMost(exchange.getRequestBody(), bodyLimit);
        }
        return body;
    }

    /**
     * The fields of an {@code application/x-www-form-urlencoded} body (the first value of each), or of
     * the query when the body is empty. A body of another type gives no fields.
     */
    public Map<String, String> form() throws IOException {
        Map<String, String> first = new LinkedHashMap<>();
        formValues().forEach((name, values) -> first.put(name, values.get(0)));
        return first;
    }

    /** As {@link #form}, with every value of fields that repeat (checkboxes). */
    public Map<String, List<String>> formValues() throws IOException {
        String type = header("Content-Type").orElse("application/x-www-form-urlencoded");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return Map.of();
        }
        return parseFormValues(new String(body(), StandardCharsets.UTF_8));
    }

    HttpExchange exchange() {
        return exchange;
    }

    private static long parseLength(String declared) {
        try {
            return Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // a length that is not a number is not one we will read
        }
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
        byte[] buffer = new byte[8192];
        int total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > limit) {
                throw new BodyTooLargeException(limit);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Decodes {@code a=1&b=x%20y}; a malformed escape makes that one value empty rather than failing the request. */
    static Map<String, List<String>> parseFormValues(String encoded) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            fields.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
        }
        return fields;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
