package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/** The preview command's own checks; the server it starts is tested in web.preview. */
class PreviewCommandTest {

    @TempDir
    Path dir;

    @Test
    void helpNamesThePortAndOpenOptions() {
        IssueFixture.Run run = IssueFixture.in(dir).run("preview", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--port=P").contains("--open").contains("127.0.0.1");
    }

    @Test
    void aBadPortOrIssueIsOneLine() {
        IssueFixture fixture = IssueFixture.copyOfRepository(dir);
        IssueFixture.Run port = fixture.run("preview", IssueFixture.SEED_ISSUE, "--port", "70000");
        assertThat(port.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(port.errLines()).containsExactly("newsletter: error: --port must be between 0 and 65535, not 70000");

        IssueFixture.Run issue = fixture.run("preview", "no-such-issue");
        assertThat(issue.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(issue.errLines()).hasSize(1);
        assertThat(issue.err()).contains("no such issue folder");
    }

    @Test
    void aPortInUseIsOneLineSayingWhatToDo() throws IOException {
        IssueFixture fixture = IssueFixture.copyOfRepository(dir);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IssueFixture.Run run = fixture.run("preview", IssueFixture.SEED_ISSUE, "--port", String.valueOf(taken.getLocalPort()));
            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.errLines()).hasSize(1);
            assertThat(run.err()).startsWith("newsletter: error: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("choose another --port");
        }
    }
}
