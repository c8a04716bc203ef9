package org.newsletter.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.HelpCommand;

/**
 * The top-level commands by name, in the order help lists them. Building picocli's model of every
 * command (reflection over each one's annotations, and its subcommands') is a good part of a short
 * command's start-up, so a command line that names a known command gets only that one; anything else
 * (no command, a root option first, {@code help}, a misspelling that needs suggestions) gets them all.
 */
final class CommandCatalog {

    private static final Map<String, Class<?>> COMMANDS = commands();

    private CommandCatalog() {
    }

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("init", InitCommand.class);
        commands.put("new", NewCommand.class);
        commands.put("build", BuildCommand.class);
        commands.put("check", CheckCommand.class);
        commands.put("lists", ListsCommand.class);
        commands.put("subscribers", SubscribersCommand.class);
        commands.put("privacy", PrivacyCommand.class);
        commands.put("doctor", DoctorCommand.class);
        commands.put("send", SendCommand.class);
        commands.put("run-due", RunDueCommand.class);
        commands.put("campaigns", CampaignsCommand.class);
        commands.put("serve", ServeCommand.class);
        commands.put("preview", PreviewCommand.class);
        commands.put("bounces", BouncesCommand.class);
        commands.put("backup", BackupCommand.class);
        commands.put("help", HelpCommand.class);
        return Collections.unmodifiableMap(commands);
    }

    /** Every command, for help and for tests that look at all of them. */
    static List<Class<?>> all() {
        return List.copyOf(COMMANDS.values());
    }

    /**
     * The commands {@code args} may need: the one it names, when nothing but {@code --verbose} (the one
     * root option that does nothing of its own) comes before it; otherwise all of them.
     */
    static List<Class<?>> neededFor(String... args) {
        for (String arg : args) {
            if (!arg.equals("--verbose")) {
                Class<?> named = COMMANDS.get(arg);
                return named == null || named == HelpCommand.class ? all() : List.of(named);
            }
        }
        return all();
    }
}
