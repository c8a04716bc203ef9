package org.newsletter.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: only options and the list of subcommands. */
@Command(name = "newsletter",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Write, check, preview and send your organisation's newsletter.",
                "Issues are Markdown files in a folder you keep in git; each is sent as a well-made HTML and plain-text email."},
        subcommands = {InitCommand.class, NewCommand.class, BuildCommand.class, CheckCommand.class, ListsCommand.class, SubscribersCommand.class,
                PrivacyCommand.class, SendCommand.class, DoctorCommand.class, CampaignsCommand.class, ServeCommand.class, PreviewCommand.class, BouncesCommand.class, picocli.CommandLine.HelpCommand.class},
        usageHelpAutoWidth = true)
public final class NewsletterCommand extends CommandGroup {

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean verbose;

    boolean verbose() {
        return verbose;
    }
}
