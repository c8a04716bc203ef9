package org.newsletter.config;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import org.newsletter.model.Diagnostics;
import org.newsletter.model.InvalidInputException;
import org.newsletter.model.Mailbox;
import org.newsletter.model.Site;
import org.newsletter.model.SourcePosition;
import org.newsletter.yaml.LanguageTag;
import org.newsletter.yaml.TimeZones;
import org.newsletter.yaml.YamlMap;
import org.newsletter.yaml.YamlNode;
import org.newsletter.yaml.YamlReader;
import org.newsletter.yaml.YamlScalar;

/**
 * Reads and validates {@code newsletter.yaml}. Strict on purpose: an unknown key is an error naming
 * its line, because a misspelt setting that is silently ignored is only found after a send.
 * Secrets never live here; they come from the environment.
 */
public final class SiteConfigReader {

    static final Set<String> KEYS = union(Set.of(
            "organisation", "postal_address", "base_url", "sender", "reply_to", "language", "timezone", "reason", "database", BounceSettingsReader.KEY, BrandReader.KEY, TrackingReader.KEY),
            SendingSettingsReader.KEYS);
    private static final Set<String> MAILBOX_KEYS = Set.of("name", "address");
    private static final long MAX_BYTES = 1 << 20;

    private final YamlReader yaml = new YamlReader();

    public WorkspaceSettings read(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw InvalidInputException.at(SourcePosition.of(file), "file is larger than 1 MB; is it the right file?");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw InvalidInputException.at(SourcePosition.of(file), "cannot read: " + e.getMessage());
        }
        return parse(file, text);
    }

    WorkspaceSettings parse(Path file, String text) {
        YamlNode root = yaml.read(file, text, 1);
        Diagnostics problems = new Diagnostics();
        if (!(root instanceof YamlMap map)) {
            throw InvalidInputException.at(root.position(), "newsletter.yaml must be a map of settings, not " + root.kind());
        }
        map.rejectUnknownKeys(KEYS, "newsletter.yaml", problems);
        String organisation = map.requiredText("organisation", "newsletter.yaml", problems);
        if (organisation != null && (organisation.indexOf('\r') >= 0 || organisation.indexOf('\n') >= 0)) {
            // It names the list in every message's List-Id header (RFC 2919), which a line break would end.
            problems.error(map.positionOf("organisation"), "'organisation' contains a line break, which the List-Id header cannot hold; write it on one line");
        }
        URI baseUrl = baseUrl(map, problems);
        Mailbox sender = mailbox(map, "sender", true, problems);
        Mailbox replyTo = mailbox(map, "reply_to", false, problems);
        Locale language = language(map, problems);
        ZoneId zone = zone(map, problems);
        String postal = map.text("postal_address", problems);
        String reason = map.text("reason", problems);
        String database = database(map, problems);
        SendingSettings sending = new SendingSettingsReader().read(map, file.toAbsolutePath().getParent(), problems);
        BounceSettings bounces = new BounceSettingsReader().read(map, problems);
        org.newsletter.model.Brand brand = new BrandReader().read(map, problems);
        org.newsletter.model.Tracking tracking = new TrackingReader().read(map, problems);
        problems.throwIfErrors();
        return new WorkspaceSettings(new Site(organisation, postal, baseUrl, sender, replyTo, language, zone, reason), database, sending, bounces, brand,
                tracking);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** A JDBC URL without a password: passwords belong in NEWSLETTER_DATABASE_PASSWORD, not in git. */
    private static String database(YamlMap map, Diagnostics problems) {
        String value = map.text("database", problems);
        if (value == null) {
            return null;
        }
        String url = value.strip();
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            problems.error(map.positionOf("database"), "database must be a jdbc:postgresql://HOST/DB or jdbc:sqlite:FILE URL, not '" + value + "'");
            return null;
        }
        if (url.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
            problems.error(map.positionOf("database"), "database URL contains a password; set NEWSLETTER_DATABASE_PASSWORD in the environment instead");
            return null;
        }
        return url;
    }

    private static URI baseUrl(YamlMap map, Diagnostics problems) {
        String value = map.requiredText("base_url", "newsletter.yaml", problems);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value.trim());
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                problems.error(map.positionOf("base_url"), "base_url must be an http(s) URL such as https://news.example.org/, not '" + value + "'");
                return null;
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                problems.error(map.positionOf("base_url"), "base_url must not have a query or fragment: '" + value + "'");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.error(map.positionOf("base_url"), "base_url is not a valid URL: " + e.getMessage());
            return null;
        }
    }

    /** Accepts {@code "Name <address>"} or a map with {@code name} and {@code address}. */
    private static Mailbox mailbox(YamlMap map, String key, boolean required, Diagnostics problems) {
        YamlNode node = map.get(key);
        if (node == null || (node instanceof YamlScalar s && s.isNull())) {
            if (required) {
                problems.error(map.position(), "newsletter.yaml is missing required key '" + key + "'");
            }
            return null;
        }
        String name;
        String address;
        if (node instanceof YamlMap inner) {
            inner.rejectUnknownKeys(MAILBOX_KEYS, "'" + key + "'", problems);
            name = inner.text("name", problems);
            address = inner.requiredText("address", "'" + key + "'", problems);
        } else if (node instanceof YamlScalar scalar) {
            name = null;
            address = scalar.value();
        } else {
            problems.error(node.position(), "'" + key + "' must be \"Name <address>\" or a map with name and address");
            return null;
        }
        if (address == null) {
            return null;
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            String finalName = name != null ? name : parsed.getPersonal();
            if (finalName != null && (finalName.indexOf('\r') >= 0 || finalName.indexOf('\n') >= 0)) {
                problems.error(node.position(), "'" + key + "' name contains a line break");
                return null;
            }
            if (parsed.getAddress().indexOf('@') < 1) {
                problems.error(node.position(), "'" + key + "' address must be like name@example.org, not '" + address + "'");
                return null;
            }
            return new Mailbox(finalName, parsed.getAddress());
        } catch (AddressException e) {
            problems.error(node.position(), "'" + key + "' is not a valid e-mail address: '" + address + "' (" + e.getMessage() + ")");
            return null;
        }
    }

    private static Locale language(YamlMap map, Diagnostics problems) {
        String value = map.text("language", problems);
        if (value == null) {
            return Locale.UK;
        }
        return LanguageTag.parse(value, map.positionOf("language"), problems);
    }

    private static ZoneId zone(YamlMap map, Diagnostics problems) {
        String value = map.text("timezone", problems);
        if (value == null) {
            return ZoneId.of("Europe/London");
        }
        return TimeZones.parse(value, map.positionOf("timezone"), problems);
    }
}
