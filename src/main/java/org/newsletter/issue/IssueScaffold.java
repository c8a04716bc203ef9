package org.newsletter.issue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;
import org.newsletter.config.Workspace;
import org.newsletter.model.InvalidInputException;
import org.newsletter.model.SourcePosition;

/** {@code newsletter new}: a starting point that already passes {@code check} and explains itself. */
public final class IssueScaffold {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final Workspace workspace;

    public IssueScaffold(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * The date {@code new} gives an issue unless told otherwise: the one its name starts with
     * ({@link SlugDate}), else {@code today}.
     */
    public static LocalDate dateFor(String slug, LocalDate today) {
        return SlugDate.of(slug).orElse(today);
    }

    public Path create(String slug, String title, LocalDate date) {
        if (!SLUG.matcher(slug).matches()) {
            throw InvalidInputException.at(SourcePosition.of(workspace.newslettersDir().resolve(slug)),
                    "'" + slug + "' cannot be an issue name: use lower-case letters, digits and '-', e.g. 2024-09-team-update");
        }
        Path folder = workspace.newslettersDir().resolve(slug);
        String issueTitle = title != null && !title.isBlank() ? title : titleFrom(slug);
        if (issueTitle.indexOf('\n') >= 0 || issueTitle.indexOf('\r') >= 0) {
            throw InvalidInputException.at(SourcePosition.of(folder), "--title must be one line");
        }
        try {
            Files.createDirectories(workspace.newslettersDir());
            Files.createDirectory(folder);
        } catch (FileAlreadyExistsException e) {
            throw InvalidInputException.at(SourcePosition.of(folder), "issue already exists; choose another name or edit it");
        } catch (IOException e) {
            throw InvalidInputException.at(SourcePosition.of(folder), "cannot create folder: " + e.getMessage());
        }
        try {
            Files.writeString(folder.resolve("index.md"), index(issueTitle, date), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("events.yaml"), events(date, workspace.site().timeZone().getId()), StandardCharsets.UTF_8);
            Files.createDirectory(folder.resolve("images"));
        } catch (IOException e) {
            throw InvalidInputException.at(SourcePosition.of(folder), "cannot write the new issue: " + e.getMessage());
        }
        return folder;
    }

    static String titleFrom(String slug) {
        String words = slug.replaceFirst("^\\d{4}-\\d{2}(-\\d{2})?-?", "").replace('-', ' ').replace('_', ' ').strip();
        if (words.isEmpty()) {
            return "Newsletter";
        }
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    private static String index(String title, LocalDate date) {
        return """
                ---
                # Front matter: these keys only (a misspelt key is an error, so nothing is silently ignored).
                title: %s
                date: %s
                # subject: defaults to the title; keep it under 78 characters.
                # The hidden preview line inboxes show after the subject (up to ~100 characters):
                preheader: "A short summary of this issue for the inbox preview"
                # hero:
                #   image: images/hero.jpg
                #   alt: What the picture shows, for people who cannot see it
                # lang: en-GB
                ---

                Start with a sentence or two about what this issue covers.

                ## A section

                Write in Markdown: **bold**, *italic*, [descriptive links](https://example.org/),
                lists, quotes, tables, and images with alt text (put the files in images/).

                ## Events

                The block below places the events from events.yaml that carry the tag "example".
                Dates, weekdays and times are written for you from the data.

                ```events
                tag: example
                ```
                """.formatted(yamlString(title), date);
    }

    private static String events(LocalDate date, String zone) {
        LocalDate day = date.plusDays(14);
        return """
                # Events of this issue. Times are local to the timezone below (an IANA name).
                # Each event: id (lower-case, unique: it names the .ics file), title, start,
                # end or duration (ISO 8601, e.g. PT1H30M), and optionally location, url
                # (sign-up or join link), button (its label, default "Register"), description
                # (Markdown) and tags (used by ```events blocks in index.md).
                timezone: %s
                events:
                  - id: example-%s
                    title: Example online meet-up
                    start: %sT14:00
                    duration: PT1H30M
                    location: Online
                    url: https://example.org/sign-up
                    tags: [example]
                    description: |
                      Replace this with what the event is about.
                """.formatted(zone, day, day);
    }

    private static String yamlString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
