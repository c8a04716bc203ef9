package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/**
 * {@code --help} of every command reads as whole sentences that fit the terminal: the summary in a
 * command list is one complete sentence, never cut off, and no description carries line breaks of
 * its own for picocli to wrap again ("a\nlistmonk\nexport").
 */
class HelpTextTest {

    /** A sentence ends, and the next begins, inside the text: the sign of two sentences in one summary. */
    private static final Pattern SECOND_SENTENCE = Pattern.compile("[.!?] \\p{Lu}");

    @TempDir
    Path dir;

    @Test
    void everyCommandsHelpFitsTheWidthAndListsWholeSummaries() {
        Map<String, CommandLine> commands = everyCommand();
        assertThat(commands).containsKeys("newsletter", "newsletter init", "newsletter subscribers import", "newsletter bounces fetch");
        for (Map.Entry<String, CommandLine> entry : commands.entrySet()) {
            CommandLine command = entry.getValue();
            List<String> args = new ArrayList<>(List.of(entry.getKey().split(" ")).subList(1, entry.getKey().split(" ").length));
            args.add("--help");
            StringWriter out = new StringWriter();
            int code = Main.run(new CommandContext(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), dir,
                    Clock.systemUTC(), Map.of()), args.toArray(String[]::new));
            assertThat(code).as(entry.getKey()).isZero();
            String help = out.toString();
            int width = command.getCommandSpec().usageMessage().width();
            assertThat(help.lines()).as(entry.getKey() + " --help, at most " + width + " columns").allSatisfy(line ->
                    assertThat(line.length()).as(line).isLessThanOrEqualTo(width));
            for (Map.Entry<String, String> listed : listedSummaries(help).entrySet()) {
                CommandLine sub = command.getSubcommands().get(listed.getKey());
                assertThat(listed.getValue()).as(entry.getKey() + " lists " + listed.getKey()).isEqualTo(summary(sub.getCommandSpec()));
            }
        }
    }

    @Test
    void everySummaryIsOneSentenceAndNoDescriptionIsWrappedByHand() {
        for (Map.Entry<String, CommandLine> entry : everyCommand().entrySet()) {
            CommandSpec spec = entry.getValue().getCommandSpec();
            String summary = summary(spec);
            assertThat(summary).as(entry.getKey() + " summary").endsWith(".").doesNotContain("\n");
            assertThat(SECOND_SENTENCE.matcher(summary).find()).as(entry.getKey() + ": one sentence, not '" + summary + "'").isFalse();
            assertThat(summary.length()).as(entry.getKey() + ": a short summary").isLessThanOrEqualTo(64);
            for (String paragraph : spec.usageMessage().description()) {
                assertWholeSentences(entry.getKey(), paragraph);
            }
            for (ArgSpec arg : spec.args()) {
                for (String paragraph : arg.description()) {
                    assertWholeSentences(entry.getKey() + " " + arg, paragraph);
                }
            }
        }
    }

    private static void assertWholeSentences(String where, String paragraph) {
        assertThat(paragraph).as(where).doesNotContain("\n").doesNotContain("%n");
        assertThat(paragraph.strip()).as(where + ": ends a sentence").matches("(?s).*[.!?)]");
    }

    private static String summary(CommandSpec spec) {
        return spec.usageMessage().description()[0];
    }

    /** Every command by its full name, e.g. "newsletter subscribers import". */
    private Map<String, CommandLine> everyCommand() {
        Map<String, CommandLine> all = new LinkedHashMap<>();
        collect(Main.commandLine(new CommandContext(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), dir,
                Clock.systemUTC(), Map.of())), all);
        return all;
    }

    private static void collect(CommandLine command, Map<String, CommandLine> all) {
        String name = command.getCommandSpec().qualifiedName();
        if (name.endsWith(" help")) {
            return; // picocli's own help command
        }
        all.put(name, command);
        command.getSubcommands().values().forEach(sub -> collect(sub, all));
    }

    /** The "Commands:" section of a help text: each name with its summary, continuation lines joined. */
    private static Map<String, String> listedSummaries(String help) {
        Map<String, String> listed = new LinkedHashMap<>();
        boolean inList = false;
        String current = null;
        for (String line : help.lines().toList()) {
            if (line.equals("Commands:")) {
                inList = true;
                continue;
            }
            if (!inList || line.isBlank()) {
                continue;
            }
            var entry = Pattern.compile("^  (\\S+)\\s+(.*)$").matcher(line);
            if (entry.matches()) {
                current = entry.group(1);
                listed.put(current, entry.group(2).strip());
            } else if (current != null) {
                listed.put(current, listed.get(current) + " " + line.strip());
            }
        }
        listed.remove("help");
        return listed;
    }
}
