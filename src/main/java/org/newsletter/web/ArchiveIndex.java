package org.newsletter.web;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The page at {@code /archive/} ({@code templates/pages/archive.ftlh}): every sent issue, newest
 * first, each with its date and the line that previewed it in the inbox.
 */
final class ArchiveIndex {

    /** One issue as the template sees it. Public because FreeMarker reads it by reflection. */
    public record Item(String slug, String title, String lang, String isoDate, String date, String preheader) {
    }

    private final ReaderPages pages;

    ArchiveIndex(ReaderPages pages) {
        this.pages = pages;
    }

    String page(List<ArchivedIssue> issues, Locale language) {
        return pages.render("archive", language, Map.of("issues", issues.stream().map(ArchiveIndex::item).toList()));
    }

    private static Item item(ArchivedIssue archived) {
        var issue = archived.issue();
        // Each date in its own issue's language, as its web page writes it.
        String date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(issue.language()).format(issue.date());
        return new Item(archived.slug(), issue.title(), issue.language().toLanguageTag(), issue.date().toString(), date, issue.preheader());
    }
}
