package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
        assertThat(check.err()).isEmpty();
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
}
