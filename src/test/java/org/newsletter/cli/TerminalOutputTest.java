package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/** A name or tag that holds terminal control sequences is printed escaped: it cannot retitle the window or clear the screen. */
class TerminalOutputTest {

    private static final String HOSTILE = "Eve\u001b]0;owned\u0007 \u001b[2J\u009b31m";

    @TempDir
    Path dir;

    private static IssueFixture.Run ok(IssueFixture.Run run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    @Test
    void subscribersListAndShowEscapeControlCharacters() throws SQLException {
        IssueFixture fixture = IssueFixture.in(dir);
        ok(fixture.run("lists", "create", "news", "--name", "News"));
        ok(fixture.run("subscribers", "add", "eve@example.org", "--name", "Eve", "--list", "news"));
        // Stored before names were checked (or by a version that did not check them).
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(".newsletter/newsletter.db"));
                PreparedStatement update = connection.prepareStatement("UPDATE subscriber SET name = ?")) {
            update.setString(1, HOSTILE);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        String list = ok(fixture.run("subscribers", "list")).out();
        assertThat(list).contains("Eve\\e]0;owned\\u0007").doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u009b");

        String show = ok(fixture.run("subscribers", "show", "eve@example.org")).out();
        assertThat(show).contains("Name:        Eve\\e]0;owned\\u0007 \\e[2J\\u009b31m")
                .doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u009b");
    }

    @Test
    void staffCannotAddANameWithControlCharacters() {
        IssueFixture fixture = IssueFixture.in(dir);
        ok(fixture.run("lists", "create", "news", "--name", "News"));

        IssueFixture.Run add = fixture.run("subscribers", "add", "eve@example.org", "--name", HOSTILE, "--list", "news");

        assertThat(add.exitCode()).isEqualTo(1);
        assertThat(add.errLines()).containsExactly(
                "newsletter: error: --name 'Eve\\e]0;owned\\u0007 \\e[2J\\u009b31m' contains control characters (line breaks, tabs, escapes)");
        assertThat(ok(fixture.run("subscribers", "list")).err()).contains("0 subscriber(s)");
    }
}
