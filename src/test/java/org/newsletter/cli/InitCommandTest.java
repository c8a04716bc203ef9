package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsletter.config.Workspace;
import org.newsletter.config.WorkspaceLocator;
import org.newsletter.model.Site;

/** {@code newsletter init}: a workspace every other command accepts, never over anything already there. */
class InitCommandTest {

    /** 23:30 on 31 December in London is already 1 January in Berlin: "this month" is the workspace's. */
    private static final Clock NEW_YEARS_EVE = Clock.fixed(Instant.parse("2024-12-31T23:30:00Z"), ZoneOffset.UTC);
    private static final List<String> GOOD = List.of("--organisation", "Riverside Food Bank",
            "--sender", "Riverside Food Bank <news@riverside.example.org>", "--base-url", "https://news.riverside.example.org/");

    @TempDir
    Path dir;

    private Run init(Path workingDir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new CommandContext(new PrintWriter(out, true), new PrintWriter(err, true), workingDir, NEW_YEARS_EVE,
                Map.of("USER", "tester")), Stream.concat(Stream.of("init"), Stream.of(args)).toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private Run init(String... args) {
        return init(dir, args);
    }

    private static String[] good(String... more) {
        return Stream.concat(GOOD.stream(), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void makesAWorkspaceThatLoadsLikeAnyOtherAndWhoseFirstIssueChecksClean() throws IOException {
        Run run = init(good("news"));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("news/").contains("2024-12-first-issue").contains("newsletter preview 2024-12-first-issue");

        Path root = dir.resolve("news");
        Workspace workspace = new WorkspaceLocator().locate(root);
        Site site = workspace.site();
        assertThat(site.organisation()).isEqualTo("Riverside Food Bank");
        assertThat(site.sender().name()).isEqualTo("Riverside Food Bank");
        assertThat(site.sender().address()).isEqualTo("news@riverside.example.org");
        assertThat(site.baseUrl()).hasToString("https://news.riverside.example.org/");
        assertThat(site.language().toLanguageTag()).isEqualTo("en-GB");
        assertThat(site.timeZone().getId()).isEqualTo("Europe/London");
        assertThat(site.reason()).isEqualTo("You are receiving this because you subscribed to news from Riverside Food Bank.");

        String yaml = Files.readString(root.resolve("newsletter.yaml"));
        assertThat(yaml.lines().filter(line -> line.startsWith("#")).count()).as("a commented newsletter.yaml").isGreaterThan(10);
        assertThat(yaml).contains("# transport: smtp://").contains("# postal_address:");
        assertThat(root.resolve(".gitignore")).content().contains("\n.newsletter/\n");
        assertThat(root.resolve("templates/README.md")).content().contains("email.html.ftlh").contains("partials/email-event.ftlh");
        assertThat(root.resolve("newsletters/2024-12-first-issue/index.md")).content()
                .contains("title: \"First issue\"").contains("date: 2024-12-01");

        Run check = check(root, "2024-12-first-issue");
        assertThat(check.code()).as(check.err()).isZero();
        assertThat(check.err()).isEqualTo("0 errors, 0 warnings\n");
    }

    @Test
    void theCurrentFolderByDefaultAndTheLanguageAndTimeZoneGiven() throws IOException {
        Run run = init(good("--language", "de-CH", "--timezone", "Europe/Berlin"));
        assertThat(run.code()).as(run.err()).isZero();
        Site site = new WorkspaceLocator().locate(dir).site();
        assertThat(site.language().toLanguageTag()).isEqualTo("de-CH");
        assertThat(site.timeZone().getId()).isEqualTo("Europe/Berlin");
        assertThat(dir.resolve("newsletters/2025-01-first-issue/events.yaml")).as("in Berlin it is January already")
                .content().contains("timezone: Europe/Berlin");
        assertThat(run.out()).doesNotContain("cd ");
    }

    @Test
    void awkwardNamesSurviveTheRoundTripThroughYaml() {
        String name = "St. Mary's \"Friends\" #1: News & Views \\ Ünïcödé";
        Run run = init("--organisation", name, "--sender", "news@example.org", "--base-url", "https://example.org/news",
                "--timezone", "America/New_York");
        assertThat(run.code()).as(run.err()).isZero();
        Site site = new WorkspaceLocator().locate(dir).site();
        assertThat(site.organisation()).isEqualTo(name);
        assertThat(site.sender().name()).as("an address without a name is sent under the organisation's").isEqualTo(name);
        assertThat(site.baseUrl()).hasToString("https://example.org/news/");
        assertThat(site.timeZone().getId()).isEqualTo("America/New_York");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "--organisation|`   `|--organisation: must not be empty",
            "--sender|bob|--sender: 'bob' is not \"Name <address>\" with a valid address (no @)",
            "--sender|Ann <ann@>|--sender: 'Ann <ann@>' is not \"Name <address>\" with a valid address",
            "--base-url|http://news.example.org/|--base-url: 'http://news.example.org/' must start with https://",
            "--base-url|news.example.org|--base-url: 'news.example.org' must start with https://",
            "--base-url|https://news.example.org/?x=1|--base-url: 'https://news.example.org/?x=1' must be a plain address",
            "--base-url|https://news example.org/|--base-url: 'https://news example.org/' is not a web address",
            "--timezone|Europe/Londn|--timezone: unknown time zone 'Europe/Londn'",
            "--timezone|+01:00|--timezone: '+01:00' is a fixed offset",
            "--language|en_GB|--language: 'en_GB' is not a language tag"})
    void aBadValueIsOneLineNamingTheOptionExitTwoAndNothingWritten(String option, String value, String message) throws IOException {
        List<String> args = new ArrayList<>(GOOD);
        int at = args.indexOf(option);
        if (at >= 0) {
            args.set(at + 1, value);
        } else {
            args.addAll(List.of(option, value));
        }
        Run run = init(args.toArray(String[]::new));
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("newsletter: " + message).doesNotContain("Exception");
        try (Stream<Path> written = Files.list(dir)) {
            assertThat(written).isEmpty();
        }
    }

    @Test
    void missingOptionsAreAUsageError() {
        Run run = init("--organisation", "X");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--sender").contains("--base-url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"newsletter.yaml", ".gitignore", "templates/README.md", "newsletters/2024-12-first-issue/notes.txt"})
    void refusesToOverwriteAnythingAndWritesNothingWhenOneIsThere(String existing) throws IOException {
        Path file = dir.resolve(existing);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "mine\n");
        Run run = init(good());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        String named = existing.startsWith("newsletters/") ? "newsletters/2024-12-first-issue/" : existing;
        assertThat(run.err()).contains(named + " already exists").contains("nothing was written");
        assertThat(file).hasContent("mine");
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile).toList()).as("nothing else written").containsExactly(file);
        }
    }

    @Test
    void addsToAnEmptyNewslettersOrTemplatesFolder() throws IOException {
        Files.createDirectories(dir.resolve("newsletters"));
        Files.createDirectories(dir.resolve("templates"));
        Run run = init(good());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(dir.resolve("newsletters/2024-12-first-issue/index.md")).exists();
    }

    @Test
    void commandsOutsideAWorkspacePointToInit() {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), dir, "new", "2024-09-news");
        Run run = new Run(code, "", err.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("not inside a newsletter workspace").contains("newsletter init --organisation");
    }

    /**
     * What init prints next must take the user there from where they are: a folder inside the current
     * one by its relative name, anything else by its whole path (not ../../news), quoted for the shell
     * when it has a space.
     */
    @Test
    void theNextStepNamesTheFolderSoThatItCanBeTypedFromHere() throws IOException {
        Path checkout = Files.createDirectories(dir.resolve("src/newsletter"));
        Run elsewhere = init(checkout, good(dir.resolve("Riverside News").toString()));
        assertThat(elsewhere.code()).as(elsewhere.err()).isZero();
        assertThat(elsewhere.out()).contains(" in " + dir.resolve("Riverside News") + "/, with its first issue")
                .contains("Next: cd '" + dir.resolve("Riverside News") + "' && newsletter preview 2024-12-first-issue --open")
                .doesNotContain("../");

        Run inside = init(checkout, good("news"));
        assertThat(inside.code()).as(inside.err()).isZero();
        assertThat(inside.out()).contains(" in news/, with its first issue").contains("Next: cd news && newsletter preview");
    }

    private Run check(Path root, String slug) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new CommandContext(new PrintWriter(out, true), new PrintWriter(err, true), root, NEW_YEARS_EVE, Map.of()),
                "check", slug);
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }
}
