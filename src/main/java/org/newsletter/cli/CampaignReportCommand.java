package org.newsletter.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.newsletter.compose.IssueComposer;
import org.newsletter.config.Workspace;
import org.newsletter.issue.IssuePipeline;
import org.newsletter.model.Campaign;
import org.newsletter.model.UserInputException;
import org.newsletter.store.Store;
import org.newsletter.web.CampaignReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a campaign's report as one HTML page with charts.", "The page is self-contained: no script, nothing loaded from elsewhere."})
final class CampaignReportCommand implements Callable<Integer> {

    private final CommandContext context;

    @Parameters(paramLabel = "ID", description = "The campaign's number, as 'newsletter campaigns' lists it.")
    long id;

    @Option(names = "--html", paramLabel = "FILE", required = true, description = "Where to write the page.")
    Path file;

    CampaignReportCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Workspace workspace = context.workspace(null);
        Path target = context.workingDir().resolve(file);
        String page;
        try (Store store = context.openStore(workspace)) {
            Campaign campaign = CampaignsCommand.require(store, id);
            page = CampaignReports.page(workspace, store, campaign, issueDate(workspace, campaign));
        }
        write(target, file, page);
        context.out().println("Wrote " + file);
        return ExitCodes.OK;
    }

    /**
     * The date in the issue's front matter, as the page shows it beside the subject; null, with a line
     * saying why, when the issue's folder is gone or no longer reads cleanly (the rest of the report
     * comes from the database and does not need it).
     */
    private LocalDate issueDate(Workspace workspace, Campaign campaign) {
        Path folder = workspace.newslettersDir().resolve(campaign.issue()).normalize();
        if (!folder.startsWith(workspace.newslettersDir()) || !Files.isDirectory(folder)) {
            context.err().println("newsletter: the report leaves out the issue's date: newsletters/" + campaign.issue() + " is gone");
            return null;
        }
        IssueComposer.Findings findings = new IssuePipeline(workspace, context.clock()).lint(folder);
        if (findings.composition().isEmpty()) {
            context.err().println("newsletter: the report leaves out the issue's date: the issue has errors now ('newsletter check "
                    + campaign.issue() + "' lists them)");
            return null;
        }
        return findings.composition().get().issue().date();
    }

    /** Through a temporary file beside it, so a failed write never leaves half a report in place of an old one. */
    private static void write(Path target, Path typed, String page) {
        Path folder = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new UserInputException("cannot write " + typed + ": folder " + (typed.getParent() == null ? folder : typed.getParent())
                    + " does not exist");
        }
        try {
            Path temporary = Files.createTempFile(folder, ".report-", ".html");
            try {
                Files.writeString(temporary, page, StandardCharsets.UTF_8);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UserInputException("cannot write " + typed + ": " + e.getMessage());
        }
    }
}
