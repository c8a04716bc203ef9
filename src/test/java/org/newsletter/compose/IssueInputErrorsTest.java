package org.newsletter.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/** Bad input in index.md and events.yaml: every error names file and line, and nothing is built. */
class IssueInputErrorsTest {

    private static final String INDEX = """
            ---
            title: Test issue
            date: 2024-08-09
            preheader: A test issue for the parser tests, with a preheader of reasonable length.
            ---

            Hello.

            ```events
            ```
            """;

    private static final String EVENT = """
            timezone: Europe/London
            events:
              - id: one
                title: First
                start: 2024-09-06T14:00
                duration: PT1H
            """;

    @TempDir
    Path dir;

    private IssueFixture.Run build(IssueFixture fixture) {
        return fixture.run("build", "t", "--out", "out");
    }

    private static String lineOf(IssueFixture.Run run) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        return run.errLines()[0];
    }

    @Test
    void unknownFrontMatterKeyNamesLineAndSuggestsTheRightKey() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", INDEX.replace("preheader:", "subjet: Hi\npreheader:"), EVENT);
        String line = lineOf(build(fixture));
        assertThat(line).contains("newsletters/t/index.md:4:").contains("unknown key 'subjet'").contains("did you mean 'subject'");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void missingTitleAndBadDateAreBothReported() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", INDEX.replace("title: Test issue\n", "").replace("2024-08-09", "2024-13-40"), EVENT);
        IssueFixture.Run run = build(fixture);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("missing required key 'title'").contains("index.md:2:").contains("date 2024-13-40: there is no month 13");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void anImpossibleDateSaysWhyInWordsWithFileAndLine() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", INDEX.replace("2024-08-09", "2024-11-31"), EVENT);
        assertThat(lineOf(build(fixture))).isEqualTo("newsletters/t/index.md:3:7: error: date 2024-11-31: November has 30 days");
        fixture.issue("t", INDEX.replace("2024-08-09", "9 August 2024"), EVENT);
        assertThat(lineOf(build(fixture))).contains("index.md:3:").endsWith("date '9 August 2024' is not a date; write it as YYYY-MM-DD, e.g. 2024-09-01");
    }

    @Test
    void anEventOnADayThatDoesNotExistIsAnErrorNotTheMonthsLastDay() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", INDEX, EVENT.replace("2024-09-06T14:00", "2024-09-31T14:00"));
        assertThat(lineOf(build(fixture))).contains("events.yaml:5:").endsWith("'start' 2024-09-31T14:00: September has 30 days");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void brokenYamlPointsAtTheLine() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", INDEX.replace("date: 2024-08-09", "date: [2024-08-09"), EVENT);
        assertThat(lineOf(build(fixture))).contains("index.md:").contains("invalid YAML");
    }

    @Test
    void yamlAliasesAnchorsAndUnknownTagsAreErrorsAtTheirLine() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", INDEX.replace("title: Test issue", "title: &a Test issue").replace("preheader: A", "preheader: *a\nsubject: A"), EVENT);
        assertThat(lineOf(build(fixture))).startsWith("newsletters/t/index.md:2:8:").contains("YAML anchor '&a' is not supported");
        fixture.issue("t", INDEX.replace("preheader: A", "preheader: *a\nsubject: A"), EVENT);
        assertThat(lineOf(build(fixture))).startsWith("newsletters/t/index.md:4:").contains("YAML alias '*a' is not supported");
        fixture.issue("t", INDEX, EVENT.replace("title: First", "title: !custom First"));
        assertThat(lineOf(build(fixture))).startsWith("newsletters/t/events.yaml:4:").contains("YAML tag '!custom' is not supported");
        fixture.issue("t", INDEX, EVENT.replace("title: First", "title: !!str First"));
        assertThat(build(fixture).exitCode()).as("a core-schema tag is harmless").isZero();
    }

    @Test
    void unclosedFrontMatterIsAnError() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", "---\ntitle: x\ndate: 2024-08-09\n\nHello\n", null);
        assertThat(lineOf(build(fixture))).contains("index.md:1:").contains("front matter is not closed");
    }

    @Test
    void unknownTimeZoneNamesTheLine() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", INDEX, EVENT.replace("Europe/London", "Europe/Londn"));
        assertThat(lineOf(build(fixture))).contains("events.yaml:1:").contains("unknown time zone 'Europe/Londn'");
    }

    @Test
    void fixedOffsetsAreRefusedBecauseTheyIgnoreDaylightSaving() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", INDEX, EVENT.replace("Europe/London", "+01:00"));
        assertThat(lineOf(build(fixture))).contains("events.yaml:1:").contains("fixed offset");
    }

    @Test
    void endBeforeStartNamesTheEndLine() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", INDEX, EVENT.replace("duration: PT1H", "end: 2024-09-06T13:00"));
        assertThat(lineOf(build(fixture))).contains("events.yaml:6:").contains("ends before it starts");
    }

    @Test
    void duplicateIdsNameBothPlaces() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", INDEX, EVENT + """
                  - id: one
                    title: Second
                    start: 2024-09-07T14:00
                    duration: PT1H
                """);
        assertThat(lineOf(build(fixture))).contains("events.yaml:7:").contains("duplicate event id 'one' (first used at line 3)");
    }

    @Test
    void badDateTimeSaysWhichFormatIsExpected() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", INDEX, EVENT.replace("2024-09-06T14:00", "6 Sept 2024 2pm"));
        assertThat(lineOf(build(fixture))).contains("events.yaml:5:").contains("YYYY-MM-DDTHH:MM");
    }

    @Test
    void aTimeInTheSpringGapDoesNotExist() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", INDEX, EVENT.replace("2024-09-06T14:00", "2024-03-31T01:30"));
        assertThat(lineOf(build(fixture))).contains("events.yaml:5:").contains("does not exist in Europe/London");
    }

    @Test
    void unknownEventKeyIsAnError() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", INDEX, EVENT.replace("duration: PT1H", "duration: PT1H\n    loaction: Zoom"));
        assertThat(lineOf(build(fixture))).contains("events.yaml:7:").contains("unknown key 'loaction'").contains("'location'");
    }

    @Test
    void endAndDurationTogetherAreAmbiguous() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", INDEX, EVENT.replace("duration: PT1H", "duration: PT1H\n    end: 2024-09-06T16:00"));
        assertThat(lineOf(build(fixture))).contains("either 'end' or 'duration'");
    }

    @Test
    void anEventsBlockThatSelectsNothingIsATypo() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", INDEX.replace("```events\n```", "```events\ntag: cupa\n```"), EVENT);
        assertThat(lineOf(build(fixture))).contains("index.md:9:").contains("selects no event (tag 'cupa')");
    }

    @Test
    void imageWithoutAltTextAndMissingImageAreErrorsWithLines() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", INDEX.replace("Hello.", "Hello.\n\n![](images/nope.jpg)"), EVENT);
        IssueFixture.Run run = build(fixture);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("index.md:9:").contains("has no alt text").contains("'images/nope.jpg' not found");
    }

    @Test
    void imagesOutsideTheIssueFolderAreRefused() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.write("secret.png", "x");
        fixture.issue("t", INDEX.replace("Hello.", "Hello.\n\n![secret](../../secret.png)"), EVENT);
        assertThat(lineOf(build(fixture))).contains("outside the issue folder");
    }

    @Test
    void anImageThatIsALinkOutOfTheIssueFolderIsRefusedByCheckAndBuild() throws Exception {
        IssueFixture fixture = IssueFixture.in(dir);
        Path secret = Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Path folder = fixture.issue("t", INDEX.replace("Hello.", "Hello.\n\n![Our logo](images/logo.png)"), EVENT);
        Files.createDirectories(folder.resolve("images"));
        Files.createSymbolicLink(folder.resolve("images/logo.png"), secret);

        IssueFixture.Run check = fixture.run("check", "t");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err()).contains("newsletters/t/index.md:9: error: image 'images/logo.png' is a link to a file outside the issue folder");
        assertThat(lineOf(build(fixture))).contains("'images/logo.png' is a link to a file outside the issue folder");
        assertThat(dir.resolve("out")).doesNotExist();

        Files.delete(folder.resolve("images/logo.png"));
        Files.delete(folder.resolve("images"));
        Files.createSymbolicLink(folder.resolve("images"), Files.createDirectories(dir.resolve("elsewhere")));
        Files.writeString(dir.resolve("elsewhere/logo.png"), "root:x:0:0");
        assertThat(lineOf(build(fixture))).as("a linked folder leads out too").contains("is a link to a file outside the issue folder");
    }

    @Test
    void aLinkThatStaysInsideTheIssueFolderIsFine() throws Exception {
        IssueFixture fixture = IssueFixture.in(dir);
        Path folder = fixture.issue("t", INDEX.replace("Hello.", "Hello.\n\n![Our logo](images/logo.png)"), EVENT);
        Files.createDirectories(folder.resolve("images"));
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB), "png",
                folder.resolve("images/logo-2024.png").toFile());
        Files.createSymbolicLink(folder.resolve("images/logo.png"), Path.of("logo-2024.png"));
        assertThat(build(fixture).exitCode()).isZero();
        assertThat(Files.isSymbolicLink(dir.resolve("out/images/logo.png"))).as("the file itself is copied").isFalse();
        assertThat(fixture.read("out/email.html")).contains("width=\"3\"");
    }

    @Test
    void binaryOrNonUtf8FilesAreRefused() throws Exception {
        IssueFixture fixture = IssueFixture.in(dir);
        Path folder = fixture.issue("t", INDEX, null);
        Files.write(folder.resolve("events.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThat(lineOf(build(fixture))).contains("events.yaml").contains("not valid UTF-8");
    }

    @Test
    void hugeFilesAreRefusedWithTheirSize() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", INDEX + "word ".repeat(600_000), EVENT);
        assertThat(lineOf(build(fixture))).contains("index.md").contains("the limit is 2048 KB");
    }

    @Test
    void anEventsFileWithTwentyThousandEventsIsOneLineNamingTheLimit() {
        IssueFixture fixture = IssueFixture.in(dir);
        StringBuilder events = new StringBuilder("timezone: Europe/London\nevents:\n");
        for (int i = 0; i < 20_000; i++) {
            events.append("  - id: e").append(i).append("\n    title: Event ").append(i)
                    .append("\n    start: 2024-09-06T14:00\n    duration: PT1H\n");
        }
        assertThat(events.length()).isGreaterThan(1_400_000);
        fixture.issue("t", INDEX, events.toString());
        assertThat(lineOf(build(fixture))).startsWith("newsletters/t/events.yaml:3:")
                .contains("20000 events").contains("the limit is " + EventsReader.MAX_EVENTS + " per issue");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aFailedBuildLeavesThePreviousOutputUntouched() throws Exception {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", INDEX, EVENT);
        assertThat(build(fixture).exitCode()).isZero();
        String before = fixture.read("out/email.html");
        fixture.issue("t", INDEX.replace("title: Test issue", "title: Changed"), EVENT.replace("PT1H", "PT-1H"));
        assertThat(build(fixture).exitCode()).isEqualTo(1);
        assertThat(fixture.read("out/email.html")).isEqualTo(before);
        try (var entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".tmp-"));
        }
    }

    @Test
    void buildRefusesToOverwriteAFolderItDidNotMake() throws Exception {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", INDEX, EVENT);
        fixture.write("out/thesis.docx", "precious");
        assertThat(lineOf(build(fixture))).contains("not empty and was not made by 'newsletter build'");
        assertThat(fixture.read("out/thesis.docx")).isEqualTo("precious");
    }
}
