package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/**
 * A command line that names a command gets only that one's model, for a faster start; these show that
 * nothing a user types behaves differently for it.
 */
class CommandCatalogTest {

    @TempDir
    Path dir;

    @Test
    void eachCommandIsFiledUnderItsOwnName() {
        for (Class<?> command : CommandCatalog.all()) {
            String name = command.getAnnotation(Command.class).name();
            assertThat(CommandCatalog.neededFor(name, "--help")).as(name)
                    .isEqualTo(name.equals("help") ? CommandCatalog.all() : java.util.List.of(command));
        }
    }

    @Test
    void theRootOptionsAMisspellingAndHelpStillSeeEveryCommand() {
        assertThat(CommandCatalog.neededFor()).isEqualTo(CommandCatalog.all());
        assertThat(CommandCatalog.neededFor("--help")).isEqualTo(CommandCatalog.all());
        assertThat(CommandCatalog.neededFor("lsts")).isEqualTo(CommandCatalog.all());
        assertThat(CommandCatalog.neededFor("help", "lists")).isEqualTo(CommandCatalog.all());
        assertThat(CommandCatalog.neededFor("--verbose", "lists")).containsExactly(ListsCommand.class);
    }

    @Test
    void helpForOneCommandAndTheRootReadTheSameAsWithEveryCommandLoaded() {
        assertThat(run("help", "lists")).isEqualTo(run("lists", "--help"));
        assertThat(run("--help")).contains("subscribers").contains("bounces").contains("preview");
        assertThat(run("--verbose", "help")).isEqualTo(run("--help"));
    }

    private String run(String... args) {
        StringWriter out = new StringWriter();
        Main.run(new CommandContext(new PrintWriter(out), new PrintWriter(new StringWriter()), dir, Clock.systemUTC(), Map.of()), args);
        return out.toString();
    }
}
