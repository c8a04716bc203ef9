package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/** The command-line contract: exit codes, one-line errors, --help, --version, --verbose. */
class CommandLineTest {

    @TempDir
    Path dir;

    @Test
    void helpListsTheCommandsAndExitsZero() {
        IssueFixture.Run run = IssueFixture.in(dir).run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("build").contains("check").contains("new").contains("--verbose");
    }

    @Test
    void versionPrintsAndExitsZero() {
        IssueFixture.Run run = IssueFixture.in(dir).run("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("newsletter ");
    }

    @Test
    void usageErrorsExitTwoWithAHint() {
        IssueFixture.Run unknown = IssueFixture.in(dir).run("biuld", "x");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("biuld").contains("--help");
        IssueFixture.Run missing = IssueFixture.in(dir).run("build");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("ISSUE");
        assertThat(IssueFixture.in(dir).run().exitCode()).isEqualTo(2);
        assertThat(IssueFixture.in(dir).run("new", "x", "--date", "yesterday").exitCode()).isEqualTo(2);
    }

    @Test
    void outsideAWorkspaceSaysWhatIsMissing() {
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.run(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err, true),
                dir, "check", "nothing-here");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).contains("not inside a newsletter workspace: no newsletter.yaml").doesNotContain("Exception");
    }

    @Test
    void workspaceIsFoundFromASubfolderLikeGit() {
        IssueFixture fixture = IssueFixture.in(dir);
        assertThat(fixture.run("new", "2024-09-update", "--date", "2024-09-01").exitCode()).isZero();
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                dir.resolve("newsletters/2024-09-update"), "check", ".");
        assertThat(code).as(err.toString()).isZero();
    }

    @Test
    void verboseAddsTheStackTraceOnlyWhenAsked() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.write("newsletter.yaml", IssueFixture.CONFIG + "colour: blue\n");
        IssueFixture.Run quiet = fixture.run("check", "x");
        assertThat(quiet.exitCode()).isEqualTo(1);
        assertThat(quiet.errLines()).hasSize(1);
        assertThat(quiet.err()).contains("newsletter.yaml:9:1: error: unknown key 'colour'").doesNotContain("\tat ");
        IssueFixture.Run verbose = fixture.run("check", "x", "--verbose");
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.err()).contains("\tat org.newsletter");
    }

    @Test
    void newScaffoldsAnIssueThatChecksCleanAndBuilds() {
        IssueFixture fixture = IssueFixture.in(dir);
        IssueFixture.Run created = fixture.run("new", "2024-09-team-update", "--title", "September \"news\"", "--date", "2024-09-02");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(fixture.read("newsletters/2024-09-team-update/index.md")).contains("title: \"September \\\"news\\\"\"").contains("date: 2024-09-02");
        assertThat(fixture.read("newsletters/2024-09-team-update/events.yaml")).contains("start: 2024-09-16T14:00");
        IssueFixture.Run check = fixture.run("check", "2024-09-team-update");
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.err()).isEqualTo("0 errors, 0 warnings\n");
        assertThat(check.out()).isEmpty();
        IssueFixture.Run build = fixture.run("build", "2024-09-team-update");
        assertThat(build.exitCode()).as(build.err()).isZero();
        assertThat(dir.resolve(".newsletter/build/2024-09-team-update/email.html")).isRegularFile();
        assertThat(fixture.read(".newsletter/build/2024-09-team-update/email.txt")).contains("September \"news\"");
    }

    @Test
    void newRefusesToOverwriteAnExistingIssueOrABadName() {
        IssueFixture fixture = IssueFixture.in(dir);
        assertThat(fixture.run("new", "one").exitCode()).isZero();
        String before = fixture.read("newsletters/one/index.md");
        IssueFixture.Run again = fixture.run("new", "one");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");
        assertThat(fixture.read("newsletters/one/index.md")).isEqualTo(before);
        assertThat(fixture.run("new", "../escape").exitCode()).isEqualTo(1);
        assertThat(dir.resolve("escape")).doesNotExist();
    }

    @Test
    void newTakesTheDateFromTheStartOfTheName() {
        IssueFixture fixture = IssueFixture.in(dir);
        IssueFixture.Run month = fixture.run("new", "2024-09-team-update");
        assertThat(month.exitCode()).as(month.err()).isZero();
        assertThat(month.out()).contains("dated 2024-09-01 (from the name)");
        assertThat(fixture.read("newsletters/2024-09-team-update/index.md")).contains("date: 2024-09-01");
        assertThat(fixture.run("new", "2024-10-15-extra").exitCode()).isZero();
        assertThat(fixture.read("newsletters/2024-10-15-extra/index.md")).contains("date: 2024-10-15");
        assertThat(fixture.run("new", "summer-special").exitCode()).isZero();
        assertThat(fixture.read("newsletters/summer-special/index.md")).as("no date in the name: today").contains("date: 2024-08-01");
    }

    @Test
    void anExplicitDateWinsAndADifferentMonthIsWarnedAbout() {
        IssueFixture fixture = IssueFixture.in(dir);
        IssueFixture.Run sameMonth = fixture.run("new", "2024-09-team-update", "--date", "2024-09-20");
        assertThat(sameMonth.exitCode()).isZero();
        assertThat(sameMonth.err()).isEmpty();
        assertThat(fixture.read("newsletters/2024-09-team-update/index.md")).contains("date: 2024-09-20");

        IssueFixture.Run otherMonth = fixture.run("new", "2024-09-late", "--date", "2024-10-02");
        assertThat(otherMonth.exitCode()).isZero();
        assertThat(otherMonth.errLines()).containsExactly("newsletter: warning: --date 2024-10-02 is not in 2024-09,"
                + " the month the name 2024-09-late starts with; the issue is dated 2024-10-02");
        assertThat(fixture.read("newsletters/2024-09-late/index.md")).contains("date: 2024-10-02");
    }

    @Test
    void aBadDateSaysWhatIsWrongInWordsInOneLine() {
        IssueFixture fixture = IssueFixture.in(dir);
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of("new", "x", "--date", "2024-11-31"), "newsletter: --date 2024-11-31: November has 30 days");
        cases.put(List.of("new", "x", "--date", "2024-13-01"), "newsletter: --date 2024-13-01: there is no month 13");
        cases.put(List.of("new", "x", "--date", "2023-02-29"), "newsletter: --date 2023-02-29: February 2023 has 28 days");
        cases.put(List.of("new", "x", "--date", "2024-05-00"), "newsletter: --date 2024-05-00: there is no day 0");
        cases.put(List.of("new", "x", "--date", "yesterday"), "newsletter: --date 'yesterday' is not a date; write it as YYYY-MM-DD, e.g. 2024-09-01");
        cases.put(List.of("new", "2024-13-update"), "newsletter: 2024-13-update: there is no month 13 (a name that starts with YYYY-MM dates the issue)");
        cases.put(List.of("new", "2023-02-29-leap"), "newsletter: 2023-02-29-leap: February 2023 has 28 days (a name that starts with YYYY-MM dates the issue)");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            IssueFixture.Run run = fixture.run(c.getKey().toArray(String[]::new));
            assertThat(run.exitCode()).as(c.getKey().toString()).isEqualTo(2);
            assertThat(run.errLines()).as(c.getKey().toString()).containsExactly(c.getValue());
        }
        assertThat(dir.resolve("newsletters")).as("nothing was created").doesNotExist();
        assertThat(fixture.run("new", "2024-02-29-leap").exitCode()).as("2024 is a leap year").isZero();
    }

    @Test
    void anUnknownCommandOrOptionGetsASuggestion() {
        IssueFixture fixture = IssueFixture.in(dir);
        IssueFixture.Run command = fixture.run("lsts");
        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.errLines()).containsExactly("newsletter: Unknown command 'lsts'. Did you mean 'lists'?",
                "Try 'newsletter --help' for usage.");
        IssueFixture.Run sub = fixture.run("subscribers", "ad", "ann@example.org");
        assertThat(sub.exitCode()).isEqualTo(2);
        assertThat(sub.err()).startsWith("newsletter: Unknown command 'ad'. Did you mean 'add'?");
        IssueFixture.Run option = fixture.run("send", "x", "--list", "news", "--dryrun");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.errLines()).containsExactly("newsletter: Unknown option '--dryrun'. Did you mean '--dry-run'?",
                "Try 'newsletter send --help' for usage.");
        IssueFixture.Run masked = fixture.run("send", "x", "--lst", "news");
        assertThat(masked.exitCode()).isEqualTo(2);
        assertThat(masked.err()).as("the misspelt option, not the missing --list it causes")
                .startsWith("newsletter: Unknown option '--lst'. Did you mean '--list'?");
        IssueFixture.Run nothingLike = fixture.run("zzzz");
        assertThat(nothingLike.exitCode()).isEqualTo(2);
        assertThat(nothingLike.errLines()).containsExactly("newsletter: Unknown command 'zzzz'.", "Try 'newsletter --help' for usage.");
    }
}
