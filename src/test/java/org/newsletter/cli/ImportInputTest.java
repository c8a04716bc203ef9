package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/** Files from spreadsheets that are not what they seem: wrong encodings, a column twice, control characters in names. */
class ImportInputTest {

    @TempDir
    Path dir;

    IssueFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = IssueFixture.in(dir);
        ok(fixture.run("lists", "create", "news", "--name", "News"));
    }

    private static IssueFixture.Run ok(IssueFixture.Run run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    private IssueFixture.Run importing(String file, byte[] content) throws Exception {
        Files.write(dir.resolve(file), content);
        return fixture.run("subscribers", "import", file, "--list", "news");
    }

    private String everyone() {
        return ok(fixture.run("subscribers", "list")).out() + ok(fixture.run("subscribers", "list")).err();
    }

    @Test
    void aLatin1FileIsRefusedNamingTheLineInsteadOfImportingReplacementCharacters() throws Exception {
        byte[] latin1 = "email,name\nann@example.org,Ann\nzoe@example.org,Zoë\n".getBytes(StandardCharsets.ISO_8859_1);
        IssueFixture.Run run = importing("latin1.csv", latin1);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("newsletter: error: latin1.csv: line 3: not UTF-8 text")
                .contains("save it as UTF-8").endsWith("nothing was imported");
        assertThat(everyone()).contains("0 subscriber(s)").doesNotContain("\uFFFD");
    }

    @Test
    void aUtf16FileWithAByteOrderMarkIsReadAndOneWithoutIsRefused() throws Exception {
        byte[] utf16 = "email,name\nzoe@example.org,Zoë Ōkubo\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] marked = new byte[utf16.length + 2];
        marked[0] = (byte) 0xFF;
        marked[1] = (byte) 0xFE;
        System.arraycopy(utf16, 0, marked, 2, utf16.length);
        ok(importing("unicode.csv", marked));
        assertThat(ok(fixture.run("subscribers", "show", "zoe@example.org")).out()).contains("Zoë Ōkubo");

        IssueFixture.Run unmarked = importing("bare.csv", "email,name\nbo@example.org,Bo\n".getBytes(StandardCharsets.UTF_16LE));
        assertThat(unmarked.exitCode()).isEqualTo(1);
        assertThat(unmarked.errLines()).singleElement().asString()
                .contains("bare.csv: line 1: the file looks like UTF-16 without a byte order mark; save it as UTF-8");
    }

    @Test
    void aColumnNamedTwiceIsRefusedNamingIt() throws Exception {
        IssueFixture.Run run = importing("twice.csv", "email,name,Email\nann@example.org,Ann,eve@example.org\n".getBytes(StandardCharsets.UTF_8));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString()
                .contains("twice.csv: line 1: column 'Email' appears twice (columns 1 and 3); rename or remove one")
                .endsWith("nothing was imported");
        assertThat(everyone()).contains("0 subscriber(s)");
    }

    @Test
    void namesWithNulLineBreaksOrEscapesAreSkippedWithTheReasonPrintedHarmlessly() throws Exception {
        String csv = "email,name\n"
                + "nul@example.org,Nu\u0000ll\n"
                + "cr@example.org,\"Carriage\rReturn\"\n"
                + "esc@example.org,Eve\u001b]0;owned\u0007 Smith\n"
                + "ann@example.org,Ann\n";
        IssueFixture.Run run = ok(importing("controls.csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(run.err())
                .contains("controls.csv:2: skipped: the name Nu\\u0000ll contains control characters")
                .contains("controls.csv:3: skipped: the name Carriage\\rReturn contains control characters")
                // a CR inside a quoted cell is a line break to the CSV reader (RFC 4180), so Eve's row is line 5
                .contains("controls.csv:5: skipped: the name Eve\\e]0;owned\\u0007 Smith contains control characters")
                .doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u0000");
        assertThat(everyone()).contains("ann@example.org").doesNotContain("nul@example.org").doesNotContain("esc@example.org")
                .contains("1 subscriber(s)");
    }
}
