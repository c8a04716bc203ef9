package org.newsletter.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newsletter.model.Spelling;

/**
 * Where and how to submit mail by SMTP, from a URL such as
 * {@code smtp://news@mail.example.org:587?tls=starttls&connections=4&timeout=30s}.
 *
 * <p>TLS is chosen by {@code tls=}: {@code starttls} upgrades a plain connection before anything
 * else is said (RFC 3207; the default, and the usual submission port 587 of RFC 6409), and is then
 * <em>required</em>, so a server or a man in the middle that hides STARTTLS cannot make us send in
 * clear; {@code implicit} speaks TLS from the first byte (RFC 8314 section 3.3; the default on port
 * 465); {@code none} is for a relay on the same machine or network. Certificates and the server's
 * name are verified unless {@code trust=HOST} names the server, for a relay with a self-signed
 * certificate.
 *
 * <p>The password is never part of the URL (URLs end up in config files, shell history and logs): it
 * comes from the environment variable {@value #PASSWORD_VARIABLE}, read by the caller and given to
 * {@link SmtpTransport} separately. A user name containing {@code @} is written with {@code %40}.
 *
 * @param host        the server's name or IP address (an IPv6 address without brackets)
 * @param port        1 to 65535
 * @param user        the AUTH user (RFC 4954), or null to submit without logging in
 * @param tls         how the connection is protected
 * @param connections how many connections a campaign opens at once, 1 to {@value #MAX_CONNECTIONS}
 * @param timeout     for connecting, and for every read and write on the connection
 * @param trustedHost the host whose certificate is accepted without verification, or null
 */
public record SmtpSettings(String host, int port, String user, Tls tls, int connections, Duration timeout, String trustedHost) {

    /** Where the caller reads the SMTP password from. */
    public static final String PASSWORD_VARIABLE = "NEWSLETTER_SMTP_PASSWORD";
    public static final int DEFAULT_CONNECTIONS = 4;
    public static final int MAX_CONNECTIONS = 32;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    private static final String FORM = "smtp://[user@]host[:port][?tls=starttls|implicit|none&connections=N&timeout=30s&trust=HOST]";
    private static final List<String> PARAMETERS = List.of("tls", "connections", "timeout", "trust");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern TIMEOUT = Pattern.compile("(\\d{1,9})(ms|s|m)");

    /** How the connection is protected. */
    public enum Tls {
        /** Plain connection upgraded by the STARTTLS command (RFC 3207), which must then succeed. */
        STARTTLS("STARTTLS", 587),
        /** TLS from the first byte (RFC 8314 section 3.3). */
        IMPLICIT("implicit TLS", 465),
        /** No TLS at all: for a relay on the same machine or a trusted network. */
        NONE("no TLS", 25);

        private final String label;
        private final int defaultPort;

        Tls(String label, int defaultPort) {
            this.label = label;
            this.defaultPort = defaultPort;
        }

        public int defaultPort() {
            return defaultPort;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(timeout, "timeout");
        if (host.isBlank()) {
            throw new IllegalArgumentException("SMTP host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SMTP port " + port + " is not from 1 to 65535");
        }
        if (user != null && user.isEmpty()) {
            throw new IllegalArgumentException("SMTP user is empty: leave it out to send without logging in");
        }
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("SMTP connections " + connections + " is not from 1 to " + MAX_CONNECTIONS);
        }
        if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("SMTP timeout " + timeout + " is not from 1ms to 10m");
        }
        if (trustedHost != null && !trustedHost.equalsIgnoreCase(host)) {
            throw new IllegalArgumentException("trust=" + trustedHost + " must name the server, " + host);
        }
        if (trustedHost != null && tls == Tls.NONE) {
            throw new IllegalArgumentException("trust=" + trustedHost + " means nothing with tls=none");
        }
    }

    /**
     * Reads an SMTP URL; see the class comment. Throws IllegalArgumentException with one line that
     * says what is wrong and what is expected; the message never repeats a password.
     */
    public static SmtpSettings parse(String url) {
        Objects.requireNonNull(url, "url");
        String text = url.strip();
        if (hasPassword(text)) {
            // Not repeating the URL: it holds a password.
            throw new IllegalArgumentException("the SMTP URL must not contain a password (user:password@host): write smtp://"
                    + "USER@host and put the password in the environment variable " + PASSWORD_VARIABLE);
        }
        if (!text.regionMatches(true, 0, "smtp://", 0, 7)) {
            String hint = text.regionMatches(true, 0, "smtps://", 0, 8)
                    ? "write smtp://host:465 (implicit TLS is the default on port 465, or add ?tls=implicit)"
                    : "expected " + FORM;
            throw bad(text, "it must start with smtp://; " + hint);
        }
        URI uri = serverUri(text);
        if (uri.getRawFragment() != null) {
            throw bad(text, "a URL fragment (#...) means nothing here; expected " + FORM);
        }
        if (!uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw bad(text, "unexpected path " + uri.getRawPath() + "; expected " + FORM);
        }
        String user = uri.getUserInfo();
        if (user != null && user.isEmpty()) {
            throw bad(text, "the user name before @ is empty; leave out the @ to send without logging in");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        Integer port = uri.getPort() < 0 ? null : uri.getPort();
        if (port != null && (port < 1 || port > 65535)) {
            throw bad(text, "port \"" + port + "\" is not a number from 1 to 65535");
        }

        Map<String, String> parameters = parameters(text, uri.getRawQuery() == null ? "" : uri.getRawQuery());
        Tls tls = parameters.containsKey("tls") ? tls(text, parameters.get("tls"))
                : port != null && port == 465 ? Tls.IMPLICIT : Tls.STARTTLS;
        int connections = parameters.containsKey("connections") ? connections(text, parameters.get("connections")) : DEFAULT_CONNECTIONS;
        Duration timeout = parameters.containsKey("timeout") ? timeout(text, parameters.get("timeout")) : DEFAULT_TIMEOUT;
        String trusted = parameters.get("trust");
        if (trusted != null) {
            trusted = trusted.startsWith("[") && trusted.endsWith("]") ? trusted.substring(1, trusted.length() - 1) : trusted;
            if (tls == Tls.NONE) {
                throw bad(text, "trust=" + trusted + " only applies with tls=starttls or tls=implicit");
            }
            if (!trusted.equalsIgnoreCase(host)) {
                throw bad(text, "trust=" + trusted + " must name the server itself, trust=" + host);
            }
        }
        if (user != null && tls == Tls.NONE && !loopback(host)) {
            throw bad(text, "tls=none would send the password unencrypted to " + host
                    + "; use tls=starttls or tls=implicit, or leave out the user for a relay that needs no login");
        }
        return new SmtpSettings(host, port != null ? port : tls.defaultPort(), user, tls, connections, timeout, trusted);
    }

    /**
     * The URL as {@link URI} reads it (RFC 3986), with a server-based authority: user, host, port.
     * Mail providers hand out user names that are addresses, so an {@code @} before the last one is
     * taken as part of the user name (as {@code %40} would be). When {@code URI} cannot make out a host,
     * the authority is looked at once more to say exactly what is wrong with it.
     */
    private static URI serverUri(String text) {
        int authorityEnd = indexOfAny(text, "/?#", 7);
        String authority = text.substring(7, authorityEnd);
        int at = authority.lastIndexOf('@');
        String escaped = at < 0 ? text
                : text.substring(0, 7) + authority.substring(0, at).replace("@", "%40") + authority.substring(at) + text.substring(authorityEnd);
        try {
            URI uri = new URI(escaped);
            if (uri.getHost() != null && !authority.endsWith(":")) {
                return uri;
            }
        } catch (URISyntaxException e) {
            if (e.getReason().startsWith("Malformed escape pair")) {
                throw bad(text, "the user name has a % that is not followed by two hex digits (write % as %25, @ as %40)");
            }
        }
        throw bad(text, authorityProblem(authority.substring(at + 1)));
    }

    /** What is wrong with {@code host[:port]} when {@link URI} found no host in it. */
    private static String authorityProblem(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            String after = close < 0 ? "" : hostAndPort.substring(close + 1);
            if (close < 0 || !IPV6.matcher(hostAndPort.substring(1, close)).matches() || !after.isEmpty() && !after.startsWith(":")) {
                return "the IPv6 address is not written like [2001:db8::25]";
            }
            return "port \"" + after.substring(1) + "\" is not a number from 1 to 65535";
        }
        int colon = hostAndPort.indexOf(':');
        String host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
        if (host.isEmpty()) {
            return "no host; expected " + FORM;
        }
        if (!HOST_NAME.matcher(host).matches()) {
            return "\"" + host + "\" is not a host name or IP address";
        }
        return "port \"" + (colon < 0 ? "" : hostAndPort.substring(colon + 1)) + "\" is not a number from 1 to 65535";
    }

    private static int indexOfAny(String text, String characters, int from) {
        for (int i = from; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    /** For summaries and logs, e.g. {@code smtp://news@mail.example.org:587 (STARTTLS, 4 connections)}. */
    public String describe() {
        StringBuilder out = new StringBuilder("smtp://");
        if (user != null) {
            out.append(user.replace("%", "%25").replace("@", "%40").replace(":", "%3A")).append('@');
        }
        out.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host).append(':').append(port);
        out.append(" (").append(tls);
        if (trustedHost != null) {
            out.append(", its certificate trusted without verification");
        }
        out.append(", ").append(connections).append(connections == 1 ? " connection)" : " connections)");
        return out.toString();
    }

    private static Map<String, String> parameters(String url, String query) {
        Map<String, String> parameters = new HashMap<>();
        if (query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = (equals < 0 ? pair : pair.substring(0, equals)).toLowerCase(Locale.ROOT);
            if (!PARAMETERS.contains(name)) {
                String guess = Spelling.closest(name, PARAMETERS).map(g -> " (did you mean " + g + "?)").orElse("");
                throw bad(url, "unknown parameter \"" + name + "\"" + guess + "; expected tls, connections, timeout or trust");
            }
            if (equals < 0 || equals == pair.length() - 1) {
                throw bad(url, "parameter " + name + " has no value; expected e.g. " + example(name));
            }
            if (parameters.put(name, pair.substring(equals + 1)) != null) {
                throw bad(url, "parameter " + name + " is given twice");
            }
        }
        return parameters;
    }

    private static String example(String parameter) {
        return switch (parameter) {
            case "tls" -> "tls=starttls";
            case "connections" -> "connections=" + DEFAULT_CONNECTIONS;
            case "timeout" -> "timeout=30s";
            default -> "trust=mail.example.org";
        };
    }

    private static Tls tls(String url, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "starttls" -> Tls.STARTTLS;
            case "implicit" -> Tls.IMPLICIT;
            case "none" -> Tls.NONE;
            default -> throw bad(url, "tls=" + value + " is not one of starttls, implicit, none");
        };
    }

    private static int connections(String url, String value) {
        if (!value.matches("\\d{1,3}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_CONNECTIONS) {
            throw bad(url, "connections=" + value + " is not a whole number from 1 to " + MAX_CONNECTIONS);
        }
        return Integer.parseInt(value);
    }

    private static Duration timeout(String url, String value) {
        Matcher m = TIMEOUT.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw bad(url, "timeout=" + value + " is not a duration like 500ms, 30s or 2m");
        }
        long amount = Long.parseLong(m.group(1));
        Duration timeout = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
        if (timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw bad(url, "timeout=" + value + " is not from 1ms to 10m");
        }
        return timeout;
    }

    /**
     * A colon before the last {@code @}: user:password@host, whatever the scheme. Deliberately broad (a
     * password may hold '/', '?' or '@'): an odd URL is better refused as holding a password than echoed
     * in an error message with one in it.
     */
    private static boolean hasPassword(String text) {
        int start = text.indexOf("://");
        String rest = start < 0 ? text : text.substring(start + 3);
        int at = rest.lastIndexOf('@');
        return at > 0 && rest.substring(0, at).indexOf(':') >= 0;
    }

    private static boolean loopback(String host) {
        return host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    private static IllegalArgumentException bad(String url, String problem) {
        return new IllegalArgumentException("bad SMTP URL \"" + url + "\": " + problem);
    }
}
