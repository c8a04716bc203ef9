package org.newsletter.web;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.newsletter.model.MailingList;
import org.newsletter.render.BrandView;
import org.newsletter.render.MessageBundle;
import org.newsletter.render.TemplateEngine;

/**
 * The pages {@code serve} makes itself, from the FreeMarker templates {@code templates/pages/*.ftlh}
 * (HTML-escaped by default; a workspace's file of the same name overrides one) with their words from
 * the message bundles, in the language asked for.
 */
public final class ReaderPages {

    private final TemplateEngine templates;
    private final Path overrides;
    private final String organisation;
    private final Locale defaultLanguage;
    private final BrandView brand;
    private final Map<Locale, MessageBundle> bundles = new ConcurrentHashMap<>();

    /** @param overrides the workspace's templates folder; it need not exist (null for none) */
    public ReaderPages(Path overrides, String organisation, Locale defaultLanguage, BrandView brand) {
        this.templates = new TemplateEngine(overrides);
        this.overrides = overrides;
        this.organisation = organisation;
        this.defaultLanguage = defaultLanguage;
        this.brand = brand;
    }

    /** Pages with the tool's own templates, words and look: for servers that have no workspace. */
    public static ReaderPages standard(String organisation, Locale language) {
        return new ReaderPages(null, organisation, language, BrandView.defaults());
    }

    /**
     * The language of a page that belongs to no list: the reader's {@code Accept-Language} (RFC 9110
     * section 12.5.4) among the languages on offer, else the workspace's language.
     */
    Locale language(Request request) {
        Optional<String> accepted = request.header("Accept-Language");
        if (accepted.isEmpty()) {
            return defaultLanguage;
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(accepted.get());
            String chosen = Locale.lookupTag(ranges, MessageBundle.offered(overrides));
            return chosen == null ? defaultLanguage
                    : chosen.equals(defaultLanguage.getLanguage()) ? defaultLanguage : Locale.forLanguageTag(chosen);
        } catch (IllegalArgumentException e) {
            // A malformed header is the reader's browser's problem, not a reason to refuse the page.
            return defaultLanguage;
        }
    }

    /** A list's pages and confirmation emails speak its language, else the workspace's. */
    Locale languageOf(MailingList list) {
        return list.language().isEmpty() ? defaultLanguage : Locale.forLanguageTag(list.language());
    }

    Locale defaultLanguage() {
        return defaultLanguage;
    }

    MessageBundle words(Locale language) {
        return bundles.computeIfAbsent(language, l -> MessageBundle.of(l, overrides));
    }

    /** Page {@code name} (e.g. "unsubscribe") in {@code language}, with {@code values} for its template. */
    String render(String name, Locale language, Map<String, ?> values) {
        return renderFile("pages/" + name + ".ftlh", language, values);
    }

    /** Any template (the confirmation email's too), with {@code msg}, {@code lang}, {@code site} and {@code brand}. */
    String renderFile(String template, Locale language, Map<String, ?> values) {
        Map<String, Object> model = new HashMap<>(values);
        model.put("msg", words(language).method());
        model.put("lang", language.toLanguageTag());
        model.put("site", Map.of("organisation", organisation));
        model.put("brand", brand);
        return templates.render(template, model);
    }

    Response page(int status, String name, Locale language, Map<String, ?> values) {
        return Response.html(status, render(name, language, values));
    }
}
