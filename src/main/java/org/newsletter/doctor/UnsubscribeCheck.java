package org.newsletter.doctor;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Item 8: unsubscribing works. {@code base_url} is https (RFC 8058 one-click needs an HTTPS URI),
 * {@code BASE/healthz} answers 200 (so {@code serve} runs behind it), and a built message has
 * {@code List-Unsubscribe} (RFC 2369), {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058)
 * and the link visible in both the plain-text and the HTML part (Gmail and Yahoo ask for all three).
 */
final class UnsubscribeCheck {

    static final String ID = "unsubscribe";
    private static final Pattern HTTPS_URI = Pattern.compile("<(https://[^>]+)>");

    private final Network network;

    UnsubscribeCheck(Network network) {
        this.network = network;
    }

    /** @param sample a built message, or null when there is no issue to build */
    Finding check(SendingIdentity identity, SampleMessage sample) {
        URI base = identity.baseUrl();
        List<String> problems = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        if (!"https".equalsIgnoreCase(base.getScheme())) {
            problems.add("base_url " + base + " is not https: one-click unsubscribe (RFC 8058) needs an https link");
            fixes.add("set base_url to an https:// address in newsletter.yaml, with a TLS proxy in front of newsletter serve");
        }
        URI health = base.resolve("healthz");
        String answer = healthz(health);
        if (answer != null) {
            problems.add(health + " " + answer);
            fixes.add("run newsletter serve where " + base + " reaches it (behind your proxy); " + health + " must answer 200");
        }
        String built = "";
        if (sample != null) {
            String problem = messageProblem(sample.raw());
            if (problem != null) {
                problems.add("the message built from " + sample.issue() + " " + problem);
                fixes.add("restore the unsubscribe link in your templates/ overrides (the default templates have it in both parts)");
            } else {
                built = "; " + sample.issue() + " has List-Unsubscribe, List-Unsubscribe-Post and the link in both parts";
            }
        }
        if (!problems.isEmpty()) {
            return Finding.fail(ID, String.join("; ", problems), String.join("; ", fixes));
        }
        return Finding.ok(ID, health + " answers" + built);
    }

    /** Null when {@code uri} answers 200; else what went wrong. */
    private String healthz(URI uri) {
        HttpClient client = HttpClient.newBuilder().sslContext(network.tls()).connectTimeout(network.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri).timeout(network.timeout()).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? null : "answered " + response.statusCode() + " instead of 200";
        } catch (IOException e) {
            if (RelayTlsCheck.root(e) instanceof java.nio.channels.UnresolvedAddressException) {
                return "did not answer: " + uri.getHost() + " does not resolve";
            }
            return "did not answer (" + RelayTlsCheck.rootMessage(e) + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "was not asked: interrupted";
        }
    }

    /** Null when the message has both headers and its https unsubscribe link in both parts; else what is missing. */
    static String messageProblem(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            String header = message.getHeader("List-Unsubscribe", ",");
            if (header == null) {
                return "has no List-Unsubscribe header";
            }
            String post = message.getHeader("List-Unsubscribe-Post", null);
            if (post == null || !post.strip().equals("List-Unsubscribe=One-Click")) {
                return "has no List-Unsubscribe-Post: List-Unsubscribe=One-Click header";
            }
            Matcher https = HTTPS_URI.matcher(header.replaceAll("\\s+", ""));
            if (!https.find()) {
                return "has no https link in List-Unsubscribe";
            }
            String link = https.group(1);
            List<String> missing = new ArrayList<>();
            String text = part(message, "text/plain");
            String html = part(message, "text/html");
            if (text == null || !text.contains(link)) {
                missing.add("plain-text");
            }
            if (html == null || !html.replace("&amp;", "&").contains(link)) {
                missing.add("HTML");
            }
            return missing.isEmpty() ? null : "has no visible unsubscribe link in its " + String.join(" and ", missing) + " part";
        } catch (MessagingException | IOException e) {
            return "cannot be read: " + e.getMessage();
        }
    }

    private static String part(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type)) {
            return part.getContent().toString();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
