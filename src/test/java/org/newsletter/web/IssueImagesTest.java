package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.model.Image;
import org.newsletter.model.Issue;

/**
 * An SVG in a sent issue is served under its own policy. {@code check} refuses SVG in an email now,
 * so no new campaign carries one; issues sent before still may.
 */
class IssueImagesTest {

    @TempDir
    Path folder;

    @Test
    void anSvgTheIssueUsesIsServedSandboxed() throws Exception {
        Files.createDirectories(folder.resolve("images"));
        Files.writeString(folder.resolve("images/chart.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"4\" height=\"2\"/></svg>\n");
        Issue issue = new Issue(folder, "2024-09-pictures", "Pictures", LocalDate.of(2024, 9, 12), null, null, null, Locale.UK,
                ZoneId.of("Europe/London"), List.of(), List.of(), List.of(), List.of(),
                List.of(new Image("images/chart.svg", "A chart", 0, 0)));

        Response svg = IssueImages.serve(issue, "images/chart.svg").orElseThrow();
        assertThat(svg.contentType()).isEqualTo("image/svg+xml");
        assertThat(svg.headers()).containsEntry("Content-Security-Policy", IssueImages.SVG_POLICY);
        assertThat(svg.file()).hasContent("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"4\" height=\"2\"/></svg>");
    }
}
