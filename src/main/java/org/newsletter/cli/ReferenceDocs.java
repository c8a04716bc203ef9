package org.newsletter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Writes the release archive's reference documents from the commands themselves, so they cannot
 * drift from what the tool accepts: the man page (from a troff template holding the fixed sections)
 * and the bash completion script, which zsh also loads (through bashcompinit). Run by the build
 * ({@code exec-maven-plugin}, package phase): {@code ReferenceDocs TEMPLATE OUT_DIR VERSION TIMESTAMP} (the build's ISO 8601 output timestamp, whose date the page carries).
 */
public final class ReferenceDocs {

    private ReferenceDocs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: ReferenceDocs MAN_TEMPLATE OUT_DIR VERSION DATE");
        }
        CommandLine commands = Main.commandLine(new CommandContext(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                Path.of("").toAbsolutePath(), Clock.systemUTC(), Map.of()));
        Path out = Files.createDirectories(Path.of(args[1]));
        String template = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("newsletter.1"), new ManPage(commands.getCommandSpec()).render(template, args[2], args[3].substring(0, "YYYY-MM-DD".length())), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("newsletter.bash"), AutoComplete.bash("newsletter", commands), StandardCharsets.UTF_8);
    }
}
