package org.newsletter.compose;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import org.newsletter.model.Diagnostics;
import org.newsletter.model.InvalidDateException;
import org.newsletter.model.InvalidInputException;
import org.newsletter.model.IsoDate;
import org.newsletter.yaml.LanguageTag;
import org.newsletter.yaml.YamlMap;
import org.newsletter.yaml.YamlNode;
import org.newsletter.yaml.YamlReader;

/** Validates front matter strictly: unknown keys are errors, because a misspelt "subjet" would otherwise vanish. */
final class FrontMatterReader {

    static final Set<String> KEYS = Set.of("title", "date", "subject", "preheader", "hero", "lang");
    private static final Set<String> HERO_KEYS = Set.of("image", "alt");

    private final YamlReader yaml = new YamlReader();

    FrontMatter read(Path file, String text, int firstLine, Locale defaultLanguage, Diagnostics problems) {
        YamlNode root = yaml.read(file, text, firstLine);
        if (!(root instanceof YamlMap map)) {
            throw InvalidInputException.at(root.position(), "front matter must be a map of keys such as title: and date:, not " + root.kind());
        }
        map.rejectUnknownKeys(KEYS, "front matter", problems);
        String title = map.requiredText("title", "front matter", problems);
        LocalDate date = date(map, problems);
        String subject = map.text("subject", problems);
        String preheader = map.text("preheader", problems);
        // The subject (the title when there is none) goes into the Subject header, where a line break
        // would start a header of the reader's choosing (RFC 5322 section 2.2): send refuses it, so check does.
        String header = subject != null && !subject.isBlank() ? "subject" : "title";
        String headerValue = header.equals("subject") ? subject : title;
        if (headerValue != null && headerValue.strip().matches("(?s).*[\r\n\u0000].*")) {
            problems.error(map.positionOf(header), header + " contains a line break, which a mail's Subject header cannot hold; write it on one line");
        }
        Locale language = defaultLanguage;
        String lang = map.text("lang", problems);
        if (lang != null) {
            Locale parsed = LanguageTag.parse(lang, map.positionOf("lang"), problems);
            language = parsed == null ? defaultLanguage : parsed;
        }
        String heroImage = null;
        String heroAlt = null;
        YamlNode hero = map.get("hero");
        if (hero instanceof YamlMap heroMap) {
            heroMap.rejectUnknownKeys(HERO_KEYS, "hero", problems);
            heroImage = heroMap.requiredText("image", "hero", problems);
            heroAlt = heroMap.text("alt", problems);
        } else if (hero != null && map.has("hero")) {
            problems.error(hero.position(), "hero must be a map with image: and alt:");
        }
        return new FrontMatter(title, date, subject, preheader, heroImage, heroAlt,
                map.positionOf("hero"), language, map.positionOf("preheader"), map.positionOf("subject"));
    }

    private static LocalDate date(YamlMap map, Diagnostics problems) {
        String value = map.requiredText("date", "front matter", problems);
        if (value == null) {
            return null;
        }
        try {
            return IsoDate.parse(value);
        } catch (InvalidDateException e) {
            problems.error(map.positionOf("date"), "date " + e.getMessage());
            return null;
        }
    }
}
