package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/** The serve command's own checks; what it serves is tested in the web package. */
class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    void helpNamesBindPortAndThreads() {
        IssueFixture.Run run = IssueFixture.in(dir).run("serve", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--bind=ADDR").contains("--port=P").contains("--threads=N").contains("reverse proxy");
    }

    @Test
    void badNumbersAreOneLine() {
        IssueFixture fixture = IssueFixture.in(dir);
        IssueFixture.Run port = fixture.run("serve", "--port", "70000");
        assertThat(port.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(port.errLines()).containsExactly("newsletter: error: --port must be between 0 and 65535, not 70000");
        IssueFixture.Run threads = fixture.run("serve", "--threads", "0");
        assertThat(threads.errLines()).containsExactly("newsletter: error: --threads must be between 1 and 256, not 0");
    }

    @Test
    void aPortInUseIsOneLineSayingWhatToDo() throws IOException {
        IssueFixture fixture = IssueFixture.in(dir);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IssueFixture.Run run = fixture.run("serve", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.errLines()).hasSize(1);
            assertThat(run.err()).startsWith("newsletter: error: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("choose another --port");
        }
    }
}
