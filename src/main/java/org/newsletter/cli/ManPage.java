package org.newsletter.cli;

import java.util.List;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The man page's COMMANDS section, made from picocli's model of every command and subcommand, and
 * put into a troff template (man(7) macros) that holds the page's fixed sections.
 */
final class ManPage {

    private final CommandSpec root;

    ManPage(CommandSpec root) {
        this.root = root;
    }

    /** {@code template} with {@code @VERSION@}, {@code @DATE@} and {@code @COMMANDS@} filled in. */
    String render(String template, String version, String date) {
        StringBuilder commands = new StringBuilder();
        root.subcommands().values().stream().distinct().map(sub -> sub.getCommandSpec())
                .filter(spec -> !spec.name().equals("help"))
                .forEach(spec -> command(spec, commands));
        return template.replace("@VERSION@", version).replace("@DATE@", date).replace("@COMMANDS@", commands.toString().strip());
    }

    private void command(CommandSpec spec, StringBuilder page) {
        page.append(".SS \"").append(text(spec.qualifiedName())).append("\"\n");
        page.append(".nf\n").append(text(spec.commandLine().getHelp().synopsis(0).strip())).append("\n.fi\n");
        for (String line : spec.usageMessage().description()) {
            page.append(".PP\n").append(text(line)).append('\n');
        }
        for (PositionalParamSpec parameter : spec.positionalParameters()) {
            if (!parameter.hidden()) {
                item("\\fI" + text(parameter.paramLabel()) + "\\fR", parameter, page);
            }
        }
        for (OptionSpec option : spec.options()) {
            if (!option.hidden() && !option.usageHelp() && !option.versionHelp() && !option.inherited() && !option.longestName().equals("--verbose")) {
                String names = String.join(", ", List.of(option.names()).stream().map(name -> "\\fB" + text(name) + "\\fR").toList());
                String label = option.typeInfo().isBoolean() ? "" : " \\fI" + text(option.paramLabel()) + "\\fR";
                item(names + label, option, page);
            }
        }
        spec.subcommands().values().stream().distinct().map(sub -> sub.getCommandSpec()).forEach(sub -> command(sub, page));
    }

    private static void item(String tag, ArgSpec arg, StringBuilder page) {
        page.append(".TP\n").append(tag).append('\n');
        page.append(text(String.join(" ", arg.description()))).append('\n');
    }

    /**
     * Text as troff reads it literally: a backslash is {@code \e}, a hyphen in an option {@code \-}
     * (so it stays an ASCII hyphen-minus, which can be searched for and pasted), and a line starting
     * with a dot or an apostrophe, which troff would take for a request, starts with {@code \&}.
     */
    static String text(String raw) {
        String text = raw.replace("%n", "\n").replace("%%", "%").replace("\\", "\\e").replace("-", "\\-");
        return text.lines().map(line -> line.startsWith(".") || line.startsWith("'") ? "\\&" + line : line)
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
