package org.newsletter.render;

import freemarker.core.Environment;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateHTMLOutputModel;
import freemarker.template.SimpleScalar;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.newsletter.model.InvalidInputException;
import org.newsletter.model.SourcePosition;

/**
 * Every word readers see around the content, in their language: {@code messages_LANG.properties}
 * (UTF-8, MessageFormat patterns: {@code {0}} is a value, an apostrophe is written twice). A key is
 * looked up in the workspace's {@code templates/messages_LANG.properties}, then the embedded one for
 * that language, then the workspace's and embedded English, so a workspace can reword one string or
 * add a language, and a missing translation falls back to English instead of breaking the page.
 */
public final class MessageBundle {

    /** The languages whose words come with the tool. */
    public static final List<String> SHIPPED = List.of("en", "cy", "fr", "de", "es");

    private final Locale locale;
    private final List<Properties> chain;
    private final Properties ownLanguage;

    private MessageBundle(Locale locale, List<Properties> chain, Properties ownLanguage) {
        this.locale = locale;
        this.chain = chain;
        this.ownLanguage = ownLanguage;
    }

    /** @param overrides the workspace's templates folder; it need not exist (null for none) */
    public static MessageBundle of(Locale locale, Path overrides) {
        String language = locale.getLanguage().isEmpty() ? "en" : locale.getLanguage();
        List<Properties> chain = new ArrayList<>();
        Properties own = new Properties();
        for (String lang : language.equals("en") ? List.of("en") : List.of(language, "en")) {
            Properties workspace = workspace(overrides, lang);
            Properties embedded = embedded(lang);
            chain.add(workspace);
            chain.add(embedded);
            if (lang.equals(language)) {
                own.putAll(embedded);
                own.putAll(workspace);
            }
        }
        return new MessageBundle(locale, List.copyOf(chain), own);
    }

    /** The languages a reader can be offered: those shipped and those a workspace adds. */
    public static List<String> offered(Path overrides) {
        List<String> all = new ArrayList<>(SHIPPED);
        if (overrides != null && Files.isDirectory(overrides)) {
            try (var files = Files.list(overrides)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.matches("messages_[a-z]{2,3}\\.properties"))
                        .map(n -> n.substring("messages_".length(), n.indexOf('.'))).filter(l -> !all.contains(l)).sorted().forEach(all::add);
            } catch (IOException e) {
                throw InvalidInputException.at(SourcePosition.of(overrides), "cannot read templates folder: " + e.getMessage());
            }
        }
        return List.copyOf(all);
    }

    public Locale locale() {
        return locale;
    }

    /** True when the bundle's own language (not the English fallback) has {@code key}. */
    public boolean translates(String key) {
        return ownLanguage.containsKey(key);
    }

    /** The keys the English bundle has: what every language should have. */
    public static List<String> englishKeys(Path overrides) {
        Properties english = embedded("en");
        english.putAll(workspace(overrides, "en"));
        return english.stringPropertyNames().stream().sorted().toList();
    }

    /** The text under {@code key} with {@code values} put in, as plain text. */
    public String text(String key, Object... values) {
        String pattern = pattern(key);
        return values.length == 0 ? pattern.replace("''", "'") : new MessageFormat(pattern, locale).format(values);
    }

    /** The text under {@code key}, when some bundle has it. */
    public Optional<String> optional(String key) {
        return chain.stream().map(p -> p.getProperty(key)).filter(v -> v != null).findFirst().map(v -> v.replace("''", "'"));
    }

    private String pattern(String key) {
        for (Properties properties : chain) {
            String value = properties.getProperty(key);
            if (value != null) {
                return value;
            }
        }
        throw new IllegalArgumentException("no message '" + key + "' in templates/messages_en.properties");
    }

    /**
     * {@code ${msg("key", a, b)}} in a template: the words escaped for HTML, values too, except values
     * that are already markup (a captured {@code <#assign x><strong>…</strong></#assign>}), which go in
     * as they are. Numbers stay numbers, for {@code {0,choice,…}} patterns.
     */
    public TemplateMethodModelEx method() {
        return arguments -> {
            if (arguments.isEmpty()) {
                throw new TemplateModelException("msg needs a key");
            }
            String key = scalar((TemplateModel) arguments.get(0));
            String pattern;
            try {
                pattern = pattern(key);
            } catch (IllegalArgumentException e) {
                throw new TemplateModelException(e.getMessage());
            }
            List<String> markup = new ArrayList<>();
            List<String> plain = new ArrayList<>();
            Object[] values = new Object[arguments.size() - 1];
            for (int i = 1; i < arguments.size(); i++) {
                TemplateModel value = (TemplateModel) arguments.get(i);
                if (value instanceof TemplateNumberModel number) {
                    values[i - 1] = number.getAsNumber();
                } else {
                    String html = value instanceof TemplateHTMLOutputModel output
                            ? HTMLOutputFormat.INSTANCE.getMarkupString(output) : HtmlEscape.escape(scalar(value));
                    values[i - 1] = "\u0000" + markup.size() + "\u0000";
                    markup.add(html);
                    plain.add(value instanceof TemplateHTMLOutputModel ? html : scalar(value));
                }
            }
            String text = values.length == 0 ? pattern.replace("''", "'") : new MessageFormat(pattern, locale).format(values);
            if (!inHtml()) {
                for (int i = 0; i < markup.size(); i++) {
                    text = text.replace("\u0000" + i + "\u0000", plain.get(i));
                }
                return new SimpleScalar(text);
            }
            String html = HtmlEscape.escape(text);
            for (int i = 0; i < markup.size(); i++) {
                html = html.replace("\u0000" + i + "\u0000", markup.get(i));
            }
            return HTMLOutputFormat.INSTANCE.fromMarkup(html);
        };
    }

    /** A text template ({@code .ftl}, the text part of an email) gets plain text; an {@code .ftlh} one, HTML. */
    private static boolean inHtml() {
        Environment environment = Environment.getCurrentEnvironment();
        return environment != null && environment.getCurrentTemplate().getOutputFormat() instanceof HTMLOutputFormat;
    }

    private static String scalar(TemplateModel model) throws TemplateModelException {
        if (model instanceof TemplateScalarModel scalar) {
            return Optional.ofNullable(scalar.getAsString()).orElse("");
        }
        if (model instanceof TemplateHTMLOutputModel output) {
            return HTMLOutputFormat.INSTANCE.getMarkupString(output);
        }
        throw new TemplateModelException("msg takes text and numbers, not " + model.getClass().getSimpleName());
    }

    private static Properties embedded(String language) {
        Properties properties = new Properties();
        try (InputStream in = MessageBundle.class.getResourceAsStream("/templates/messages_" + language + ".properties")) {
            if (in != null) {
                try (Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the embedded messages_" + language + ".properties", e);
        }
        return properties;
    }

    private static Properties workspace(Path overrides, String language) {
        Properties properties = new Properties();
        if (overrides == null) {
            return properties;
        }
        Path file = overrides.resolve("messages_" + language + ".properties");
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw InvalidInputException.at(SourcePosition.of(file), "cannot read messages: " + e.getMessage());
            }
        }
        return properties;
    }
}
