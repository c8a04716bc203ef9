package org.newsletter.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newsletter.model.Diagnostics;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.InvalidAddressException;
import org.newsletter.model.Mailbox;
import org.newsletter.model.Site;
import org.newsletter.model.SourcePosition;
import org.newsletter.yaml.LanguageTag;
import org.newsletter.yaml.TimeZones;

/**
 * The commented {@code newsletter.yaml} that {@code newsletter init} writes, from what it was told
 * on the command line. Each answer is checked on its own first, so a mistake names the option it
 * came from; the finished text is then read back through {@link SiteConfigReader}, so what init
 * writes is exactly what every other command accepts.
 */
public final class StarterConfig {

    /** The default language and time zone, the same as newsletter.yaml's when it names none. */
    public static final String DEFAULT_LANGUAGE = "en-GB";
    public static final String DEFAULT_TIMEZONE = "Europe/London";

    private static final String TEMPLATE = "/starter/newsletter.yaml";
    private static final String REASON = "/starter/reason.txt";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");
    /** "Name <address>", the form mail clients show. */
    private static final Pattern NAMED = Pattern.compile("(.*)<([^<>]*)>\\s*");

    /** Text YAML reads as a plain string: starts with a letter; no quotes, '#', '[', '{', ',' and the like. */
    private static final Pattern PLAIN = Pattern.compile("\\p{L}([\\p{L}\\p{N} ._/@+:-]*[\\p{L}\\p{N}./])?");
    /** Words YAML 1.1 parsers read as booleans or null. */
    private static final Set<String> YAML_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null", "~");

    private final Site site;

    private StarterConfig(Site site) {
        this.site = site;
    }

    /**
     * Checks the answers to init's questions; a {@code sender} without a name is sent under the
     * organisation's name. Throws {@link InvalidSettingException} naming the option at fault.
     */
    public static StarterConfig of(String organisation, String sender, String baseUrl, String language, String timezone) {
        String name = organisation(organisation);
        return new StarterConfig(new Site(name, "", baseUrl(baseUrl), sender(sender, name), null,
                language(language), zone(timezone), null));
    }

    /** The settings the file holds. */
    public Site site() {
        return site;
    }

    /** The text of newsletter.yaml, with comments on every setting; read back as a check. */
    public String text(Path file) {
        String organisation = site.organisation();
        String reason = fill(resource(REASON), Map.of("organisation", organisation)).strip();
        String text = fill(resource(TEMPLATE), Map.of(
                "organisation", quoted(organisation),
                "base_url", quoted(site.baseUrl().toString()),
                "sender_name", quoted(site.sender().name()),
                "sender_address", quoted(site.sender().address()),
                "language", quoted(site.language().toLanguageTag()),
                "timezone", quoted(site.timeZone().getId()),
                "reason", quoted(reason)));
        Site read = new SiteConfigReader().parse(file, text).site();
        if (!read.organisation().equals(organisation) || !read.sender().equals(site.sender())
                || !read.baseUrl().equals(site.baseUrl()) || !read.language().equals(site.language())
                || !read.timeZone().equals(site.timeZone()) || !read.reason().equals(reason)) {
            throw new IllegalStateException("newsletter.yaml written by init reads back differently: " + read + " for " + site);
        }
        return text;
    }

    private static String organisation(String value) {
        String name = value == null ? "" : value.strip();
        if (name.isEmpty()) {
            throw new InvalidSettingException("--organisation: must not be empty; give the name your readers know you by,"
                    + " e.g. --organisation \"Riverside Food Bank\"");
        }
        if (hasControlCharacter(name)) {
            throw new InvalidSettingException("--organisation: must be one line of text");
        }
        return name;
    }

    private static Mailbox sender(String value, String organisation) {
        String text = value == null ? "" : value.strip();
        Matcher named = NAMED.matcher(text);
        String name = named.matches() ? named.group(1).strip() : "";
        String address = named.matches() ? named.group(2).strip() : text;
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1);
        }
        if (hasControlCharacter(name)) {
            throw new InvalidSettingException("--sender: the name must be one line of text");
        }
        try {
            EmailAddress parsed = EmailAddress.parse(address);
            return new Mailbox(name.isEmpty() ? organisation : name, parsed.toString());
        } catch (InvalidAddressException e) {
            throw new InvalidSettingException("--sender: '" + value + "' is not \"Name <address>\" with a valid address ("
                    + e.reason() + "); write it like \"Riverside Food Bank <news@example.org>\"");
        }
    }

    private static URI baseUrl(String value) {
        String text = value == null ? "" : value.strip();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidSettingException("--base-url: '" + value + "' is not a web address (" + e.getReason()
                    + "); write it like https://news.example.org/");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new InvalidSettingException("--base-url: '" + value + "' must start with https://: readers open the"
                    + " archive and their unsubscribe pages there, e.g. https://news.example.org/");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidSettingException("--base-url: '" + value + "' must be a plain address like https://news.example.org/"
                    + " or https://example.org/news/, with a host and without a user, query or #fragment");
        }
        return uri.getRawPath().isEmpty() ? URI.create(text + "/") : uri;
    }

    private static Locale language(String value) {
        Diagnostics problems = new Diagnostics();
        Locale locale = LanguageTag.parse(value == null ? DEFAULT_LANGUAGE : value, SourcePosition.of(Path.of("--language")), problems);
        if (locale == null) {
            throw new InvalidSettingException("--language: " + problems.all().get(0).message());
        }
        return locale;
    }

    private static ZoneId zone(String value) {
        Diagnostics problems = new Diagnostics();
        ZoneId zone = TimeZones.parse(value == null ? DEFAULT_TIMEZONE : value, SourcePosition.of(Path.of("--timezone")), problems);
        if (zone == null) {
            throw new InvalidSettingException("--timezone: " + problems.all().get(0).message());
        }
        return zone;
    }

    /** Line breaks, tabs and other control characters: a name goes into mail headers and one-line YAML. */
    private static boolean hasControlCharacter(String value) {
        return value.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    /**
     * The value as a YAML scalar: plain when it plainly reads as text (en-GB, https://news.example.org/),
     * else double-quoted (YAML 1.2 §7.3.1), where on one line only the backslash and the quote need escaping.
     */
    private static String quoted(String value) {
        boolean plain = PLAIN.matcher(value).matches()
                && !value.contains(": ") && !value.endsWith(":") && !YAML_WORDS.contains(value.toLowerCase(Locale.ROOT));
        return plain ? value : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Replaces each {{name}} in one pass, so a value that itself looks like a placeholder stays as typed. */
    private static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for {{" + m.group(1) + "}} in the starter newsletter.yaml");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String resource(String name) {
        try (InputStream in = StarterConfig.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
