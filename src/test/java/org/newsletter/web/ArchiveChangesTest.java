package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/** The archive while the workspace changes under it: edits show, a broken issue stays contained. */
class ArchiveChangesTest {

    static final String AUGUST = IssueFixture.SEED_ISSUE;
    static final String OCTOBER = "2024-10-autumn-notes";
    static final String AUGUST_TITLE = "August Team Update: Enjoying the fruits of co-production";

    @TempDir
    Path dir;

    IssueFixture workspace;
    String template;
    SiteHarness site;

    @BeforeEach
    void sendBothExamples() throws IOException {
        workspace = SiteHarness.withAList(IssueFixture.copyOfRepository(dir));
        template = new String(getClass().getResourceAsStream("/templates/web.html.ftlh").readAllBytes(), StandardCharsets.UTF_8);
        workspace.write("templates/web.html.ftlh", template);
        SiteHarness.send(workspace, AUGUST);
        SiteHarness.send(workspace, OCTOBER);
        site = SiteHarness.start(workspace, new CapturedMail());
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void anEditedIssueOrTemplateIsRenderedAgain() throws Exception {
        assertThat(site.get("/archive/" + AUGUST + "/").body()).contains(AUGUST_TITLE);

        edit(AUGUST, AUGUST_TITLE, "August Team Update: corrected");
        assertThat(site.get("/archive/" + AUGUST + "/").body()).contains("August Team Update: corrected").doesNotContain(AUGUST_TITLE);
        assertThat(site.get("/archive/").body()).contains("August Team Update: corrected");
        assertThat(site.get("/archive/feed.xml").body()).contains("<title>August Team Update: corrected</title>");

        // The workspace's own web template (there from the start: the template engine looks for the
        // folder when it is set up) is edited while the server runs.
        workspace.write("templates/web.html.ftlh", template.replace("<main>", "<main><p class=\"banner\">Edited template</p>"));
        assertThat(site.get("/archive/" + AUGUST + "/").body()).contains("Edited template");
    }

    @Test
    void theArchiveIsRenderedWhenTheServerStartsBeforeAnyoneAsks() throws Exception {
        site.close();
        edit(OCTOBER, "lang: en-GB", "colour: red");
        site = SiteHarness.start(workspace, new CapturedMail());
        // No request is made: the warm-up alone renders every sent issue, and the broken one says so.
        for (int i = 0; i < 500 && site.log().stream().noneMatch(line -> line.startsWith("archive: cannot show issue " + OCTOBER)); i++) {
            Thread.sleep(20);
        }
        assertThat(site.log()).anySatisfy(line -> assertThat(line).startsWith("archive: cannot show issue " + OCTOBER))
                .noneSatisfy(line -> assertThat(line).startsWith("GET"));
    }

    @Test
    void aBrokenIssueIsAPlainErrorLoggedOnceAndTheOthersStayListed() throws Exception {
        edit(OCTOBER, "lang: en-GB", "colour: red");

        HttpResponse<String> page = site.get("/archive/" + OCTOBER + "/");
        assertThat(page.statusCode()).isEqualTo(500);
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.body()).contains("This issue cannot be shown at the moment")
                .doesNotContain("colour").doesNotContain("Exception").doesNotContain("at org.");
        assertThat(site.get("/archive/" + OCTOBER + "/events/reflection-session-2024-10-28.ics").statusCode()).isEqualTo(500);

        HttpResponse<String> index = site.get("/archive/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains(AUGUST_TITLE).doesNotContain(OCTOBER);
        assertThat(site.get("/archive/feed.xml").body()).contains(AUGUST).doesNotContain(OCTOBER);

        assertThat(site.log()).filteredOn(line -> line.startsWith("archive:"))
                .as("one line for this version of the broken issue, however often it is asked for")
                .singleElement().asString()
                .startsWith("archive: cannot show issue " + OCTOBER + ": ")
                .contains("index.md").contains("colour")
                .doesNotContain("\n");

        edit(OCTOBER, "colour: red", "lang: en-GB");
        assertThat(site.get("/archive/" + OCTOBER + "/").statusCode()).isEqualTo(200);
        assertThat(site.get("/archive/").body()).contains(OCTOBER);
    }

    @Test
    void readersDuringEditsGetOneWholeVersionOrTheOther() throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<String>>> pages = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                pages.add(readers.submit(() -> {
                    List<String> bodies = new ArrayList<>();
                    for (int i = 0; i < 15; i++) {
                        bodies.add(site.get("/archive/" + AUGUST + "/").body());
                    }
                    return bodies;
                }));
            }
            String title = AUGUST_TITLE;
            for (int i = 0; i < 6; i++) {
                String next = i % 2 == 0 ? "Version B of August" : AUGUST_TITLE;
                edit(AUGUST, title, next);
                title = next;
                Thread.sleep(20);
            }
            for (Future<List<String>> reader : pages) {
                for (String body : reader.get()) {
                    assertThat(body).endsWith("</html>\n").containsAnyOf("<h1>" + AUGUST_TITLE + "</h1>", "<h1>Version B of August</h1>");
                }
            }
        } finally {
            readers.shutdownNow();
        }
    }

    /** Saves index.md as editors do, by writing a new file and renaming it over the old one. */
    private void edit(String issue, String from, String to) throws IOException {
        Path index = dir.resolve("newsletters/" + issue + "/index.md");
        String text = Files.readString(index);
        assertThat(text).contains(from);
        Path saved = Files.writeString(index.resolveSibling(".index.md.swp"), text.replace(from, to));
        Files.move(saved, index, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
