package org.newsletter.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the bounce mailbox URL of newsletter.yaml: {@code imaps://USER@HOST[:993]} for implicit TLS
 * (RFC 8314), or {@code imap://USER@HOST[:143]} with STARTTLS required (RFC 3501 section 6.2.1), with
 * optional {@code ?trust=HOST} (accept that server's self-signed certificate), {@code timeout=30s} and,
 * for a server on this machine only, {@code tls=none}. A user name containing {@code @} is written
 * {@code %40}. A URL holding a password is refused without repeating it.
 */
final class ImapMailboxUrl {

    static final String FORM = "imaps://USER@HOST[:993] or imap://USER@HOST[:143][?tls=starttls|none&trust=HOST&timeout=30s]";
    private static final Set<String> PARAMETERS = Set.of("tls", "trust", "timeout");
    private static final Pattern TIMEOUT = Pattern.compile("(\\d{1,6})(ms|s|m)");
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private ImapMailboxUrl() {
    }

    /** The mailbox, or an IllegalArgumentException with one line saying what is wrong and what is expected. */
    static BounceSettings.ImapMailbox parse(String text) {
        String url = text.strip();
        int at = url.lastIndexOf('@');
        int scheme = url.indexOf("://");
        if (at > scheme && scheme >= 0 && url.substring(scheme + 3, at).contains(":")) {
            throw new IllegalArgumentException("the mailbox URL must not contain a password: write imaps://USER@HOST and put the password in "
                    + BounceSettings.PASSWORD_VARIABLE);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw bad(url, e.getReason());
        }
        String schemeName = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemeName.equals("imap") && !schemeName.equals("imaps")) {
            throw bad(url, "expected " + FORM);
        }
        if (uri.getHost() == null || uri.getUserInfo() == null || uri.getUserInfo().isEmpty()) {
            throw bad(url, "it needs a user and a host; expected " + FORM);
        }
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            throw bad(url, "name the folder with 'folder:', not in the URL");
        }
        Map<String, String> parameters = parameters(url, uri.getQuery());
        BounceSettings.ImapMailbox.Tls tls = tls(url, schemeName, parameters.get("tls"));
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        if (tls == BounceSettings.ImapMailbox.Tls.NONE && !loopback(host)) {
            throw bad(url, "tls=none would send the password unencrypted to " + host + "; it is only for a server on this machine");
        }
        String trusted = parameters.get("trust");
        if (trusted != null && !trusted.equalsIgnoreCase(host)) {
            throw bad(url, "trust=" + trusted + " must name the server itself, trust=" + host);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : tls == BounceSettings.ImapMailbox.Tls.IMPLICIT ? 993 : 143;
        Duration timeout = parameters.containsKey("timeout") ? timeout(url, parameters.get("timeout")) : DEFAULT_TIMEOUT;
        return new BounceSettings.ImapMailbox(host, port, uri.getUserInfo(), tls, trusted, timeout);
    }

    private static Map<String, String> parameters(String url, String query) {
        Map<String, String> parameters = new HashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            String[] nameValue = pair.split("=", 2);
            String name = nameValue[0].toLowerCase(Locale.ROOT);
            if (!PARAMETERS.contains(name) || nameValue.length < 2 || nameValue[1].isEmpty()) {
                throw bad(url, "unknown or empty parameter '" + pair + "'; expected tls, trust or timeout");
            }
            parameters.put(name, nameValue[1]);
        }
        return parameters;
    }

    private static BounceSettings.ImapMailbox.Tls tls(String url, String scheme, String value) {
        if (scheme.equals("imaps")) {
            if (value != null && !value.equalsIgnoreCase("implicit")) {
                throw bad(url, "imaps:// always uses TLS; use imap://HOST?tls=" + value + " for anything else");
            }
            return BounceSettings.ImapMailbox.Tls.IMPLICIT;
        }
        if (value == null || value.equalsIgnoreCase("starttls")) {
            return BounceSettings.ImapMailbox.Tls.STARTTLS;
        }
        if (value.equalsIgnoreCase("none")) {
            return BounceSettings.ImapMailbox.Tls.NONE;
        }
        throw bad(url, "tls=" + value + " is not starttls or none (for implicit TLS write imaps://)");
    }

    private static Duration timeout(String url, String value) {
        Matcher m = TIMEOUT.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw bad(url, "timeout=" + value + " is not a duration like 500ms, 30s or 2m");
        }
        long n = Long.parseLong(m.group(1));
        Duration timeout = m.group(2).equals("ms") ? Duration.ofMillis(n) : m.group(2).equals("s") ? Duration.ofSeconds(n) : Duration.ofMinutes(n);
        if (timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw bad(url, "timeout=" + value + " is not from 1ms to 10m");
        }
        return timeout;
    }

    private static boolean loopback(String host) {
        return host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    private static IllegalArgumentException bad(String url, String problem) {
        return new IllegalArgumentException("bad mailbox URL '" + url + "': " + problem);
    }
}
