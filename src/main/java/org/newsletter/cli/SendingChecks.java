package org.newsletter.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.newsletter.config.Workspace;
import org.newsletter.doctor.Dns;
import org.newsletter.doctor.DnsUnavailableException;
import org.newsletter.doctor.Doctor;
import org.newsletter.doctor.Finding;
import org.newsletter.doctor.Network;
import org.newsletter.doctor.SampleMessage;
import org.newsletter.doctor.SendingIdentity;
import org.newsletter.issue.IssuePipeline;
import org.newsletter.issue.SampleRecipient;
import org.newsletter.model.UserInputException;
import org.newsletter.render.RenderedIssue;
import org.newsletter.send.Transports;

/**
 * What doctor, check and send share: the sending identity of a workspace with the transport in force
 * ({@code NEWSLETTER_TRANSPORT} or newsletter.yaml's), doctor's run with a message built the way send
 * builds it, and the one-line summary send prints.
 */
final class SendingChecks {

    private final CommandContext context;
    private final Workspace workspace;

    SendingChecks(CommandContext context, Workspace workspace) {
        this.context = context;
        this.workspace = workspace;
    }

    SendingIdentity identity() {
        String fromEnvironment = context.environment().get(Transports.TRANSPORT_VARIABLE);
        String transport = fromEnvironment == null || fromEnvironment.isBlank() ? workspace.sending().transport() : fromEnvironment.strip();
        try {
            return SendingIdentity.of(workspace, transport);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("transport (from " + (fromEnvironment == null || fromEnvironment.isBlank() ? "newsletter.yaml"
                    : Transports.TRANSPORT_VARIABLE) + "): " + e.getMessage());
        }
    }

    Dns dns(Duration timeout) {
        try {
            return Dns.fromEnvironment(context.environment(), timeout);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    /** Every item, with a message built from {@code issueFolder} (null: the newest issue, if any). */
    List<Finding> examine(Duration timeout, Path issueFolder) {
        Dns dns = dns(timeout);
        return new Doctor(dns, Network.system(timeout)).examine(identity(), () -> sample(issueFolder != null ? issueFolder : newestIssue()));
    }

    /**
     * The one line send prints: doctor's verdict, or why it was not asked. The DNS items run only when
     * one quick question is answered, so a send without a network does not wait on every timeout.
     */
    String summary(Path issueFolder) {
        Duration timeout = Duration.ofSeconds(3);
        try {
            dns(timeout).txt(identity().fromDomain());
        } catch (DnsUnavailableException e) {
            return "doctor: not run, DNS did not answer (" + e.getMessage() + ")";
        }
        return Doctor.summary(examine(timeout, issueFolder));
    }

    /** The issue folder whose name sorts last (slugs start with their date), or null when there is none. */
    private Path newestIssue() {
        Path dir = workspace.newslettersDir();
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> folders = Files.list(dir)) {
            return folders.filter(f -> Files.isRegularFile(f.resolve("index.md"))).max(Comparator.comparing(f -> f.getFileName().toString()))
                    .orElse(null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The message send would build for the sample recipient; null (and a note) when the issue does not build. */
    private SampleMessage sample(Path folder) {
        if (folder == null) {
            return null;
        }
        try {
            IssuePipeline pipeline = new IssuePipeline(workspace, context.clock());
            RenderedIssue rendered = pipeline.render(folder);
            byte[] raw = pipeline.message(pipeline.campaign(rendered, IssuePipeline.SAMPLE_LIST), SampleRecipient.forSite(workspace.site()),
                    "doctor:" + rendered.issue().slug()).bytes();
            return new SampleMessage(rendered.issue().slug(), raw);
        } catch (UserInputException | org.newsletter.model.InvalidInputException e) {
            context.err().println("doctor: the unsubscribe link was not checked in a message: " + folder.getFileName() + " does not build ("
                    + e.getMessage() + "); 'newsletter check " + folder.getFileName() + "' says more");
            return null;
        }
    }
}
