package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsletter.testing.ExternalTools;
import picocli.CommandLine;

/** The command a stopped campaign names for resuming is the one typed, and a shell reads it back the same. */
class CampaignRunnerTest {

    @Test
    void theResumeCommandIsTheTypedOneQuotedForTheShell() throws Exception {
        List<String> typed = List.of("send", "2024-08-team-update", "--list", "news", "--segment", "tag:cuppa and not attr.\"Phone Number\"=\"+44 20\"",
                "--rate", "20/s", "--test-to", "o'brien@example.org");
        CommandLine line = Main.commandLine(new CommandContext(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), java.nio.file.Path.of("."), java.time.Clock.systemUTC(), java.util.Map.of()));
        line.parseArgs(typed.toArray(String[]::new));
        CommandLine send = line.getSubcommands().get("send");
        String again = CampaignRunner.typed(send.getCommandSpec());
        assertThat(again).isEqualTo("newsletter send 2024-08-team-update --list news --segment 'tag:cuppa and not attr.\"Phone Number\"=\"+44 20\"'"
                + " --rate 20/s --test-to 'o'\\''brien@example.org'");
        String words = again.substring("newsletter ".length());
        Process shell = ExternalTools.cleanEnvironment(new ProcessBuilder("sh", "-c", "eval \"set -- $1\"; for a in \"$@\"; do printf '%s\\n' \"$a\"; done",
                "sh", words)).redirectErrorStream(true).start();
        assertThat(new String(shell.getInputStream().readAllBytes()).lines().toList()).as("what a shell makes of it").isEqualTo(typed);
        assertThat(shell.waitFor()).isZero();
    }
}
