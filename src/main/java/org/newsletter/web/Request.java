package org.newsletter.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;

/**
 * One HTTP request as handlers see it: method, decoded path, the parts a route matched, query and
 * form parameters, and its body. A handler only ever sees a complete request: the server has read
 * the body (at most the body limit; a larger one is refused with 413 before a handler runs) before
 * it hands the request to a worker thread.
 */
public final class Request {

    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final HttpFields headers;
    private final InetAddress remoteAddress;
    private final List<String> pathParameters;
    private final byte[] body;

    Request(String method, String rawPath, String rawQuery, HttpFields headers, InetAddress remoteAddress, List<String> pathParameters,
            byte[] body) {
        this.method = method;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.headers = headers;
        this.remoteAddress = remoteAddress;
        this.pathParameters = List.copyOf(pathParameters);
        this.body = body;
    }

    public String method() {
        return method;
    }

    /** The path as sent (percent-encoded), which is what routes match. */
    public String path() {
        return rawPath;
    }

    /** The {@code n}th part of the path the route captured, counting from 0. */
    public String pathParameter(int n) {
        return pathParameters.get(n);
    }

    public InetAddress remoteAddress() {
        return remoteAddress;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public Map<String, String> query() {
        Map<String, String> first = new LinkedHashMap<>();
        parseFormValues(Optional.ofNullable(rawQuery).orElse("")).forEach((n, v) -> first.put(n, v.get(0)));
        return first;
    }

    /** The body, at most the server's body limit (the server refused larger ones before this request got here). */
    public byte[] body() throws IOException {
        return body.clone();
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
