package org.newsletter.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.newsletter.config.InvalidSettingException;
import org.newsletter.config.StarterConfig;
import org.newsletter.issue.WorkspaceScaffold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Start a workspace for your own newsletter.",
                "Writes a commented newsletter.yaml, newsletters/ with a first issue, templates/ with a README on"
                + " overriding the embedded templates, and a .gitignore for the local state in .newsletter/."
                + " It never overwrites anything: if one of those files is already there, nothing is written."})
final class InitCommand implements Callable<Integer> {

    private final CommandContext context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "The folder to create it in (default: the current folder).")
    Path dir;

    @Option(names = "--organisation", required = true, paramLabel = "NAME", description = "Who sends it, as readers know you.")
    String organisation;

    @Option(names = "--sender", required = true, paramLabel = "SENDER",
            description = "The From of every message, e.g. \"Riverside Food Bank <news@example.org>\".")
    String sender;

    @Option(names = "--base-url", required = true, paramLabel = "URL",
            description = "The https:// address where the archive and unsubscribe pages will live.")
    String baseUrl;

    @Option(names = "--language", paramLabel = "TAG", defaultValue = StarterConfig.DEFAULT_LANGUAGE,
            description = "The language issues are written in (default: ${DEFAULT-VALUE}).")
    String language;

    @Option(names = "--timezone", paramLabel = "ZONE", defaultValue = StarterConfig.DEFAULT_TIMEZONE,
            description = "The time zone of events, an IANA name (default: ${DEFAULT-VALUE}).")
    String timezone;

    InitCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        StarterConfig config;
        try {
            config = StarterConfig.of(organisation, sender, baseUrl, language, timezone);
        } catch (InvalidSettingException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path root = dir == null ? context.workingDir() : context.workingDir().resolve(dir);
        LocalDate today = LocalDate.now(context.clock().withZone(config.site().timeZone()));
        WorkspaceScaffold.Created created = new WorkspaceScaffold(config).create(root, today);
        Path shown = shownPath(created.root());
        String slug = created.firstIssue().getFileName().toString();
        String cd = shown.toString().isEmpty() ? "" : "cd " + CampaignRunner.shellWord(shown.toString()) + " && ";
        context.out().println("Created a newsletter workspace for " + config.site().organisation() + " in "
                + (shown.toString().isEmpty() ? "this folder" : shown + "/") + ", with its first issue, newsletters/" + slug + "/.");
        context.out().println("Next: " + cd + "newsletter preview " + slug + " --open");
        return ExitCodes.OK;
    }

    /**
     * The workspace as the next command should name it: relative to where the user is when it is inside
     * that folder, else the whole path ({@code init ~/news} typed in a checkout would otherwise print
     * {@code ../../news}, which is right but not what anyone typed or can check at a glance).
     */
    private Path shownPath(Path root) {
        Path relative = context.workingDir().relativize(root);
        return relative.startsWith("..") ? root : relative;
    }
}
