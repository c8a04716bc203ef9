package org.newsletter.issue;

import java.nio.file.Path;
import java.time.Clock;
import org.newsletter.compose.IssueComposer;
import org.newsletter.compose.MarkdownParser;
import org.newsletter.config.Workspace;
import org.newsletter.mail.OutgoingMessage;
import org.newsletter.message.CampaignHeaders;
import org.newsletter.message.CampaignMessages;
import org.newsletter.model.Recipient;
import org.newsletter.render.IssueRenderer;
import org.newsletter.render.RenderedIssue;
import org.newsletter.render.TemplateEngine;

/**
 * The compose → render → message path for one workspace, shared by build, check, preview, the archive
 * and (through {@code send.IssueSource}, which the command line fills with {@link #render(Path)}) send, so
 * they can never disagree about what an issue looks like.
 */
public final class IssuePipeline {

    /** The list a sample message claims to come from until lists exist. */
    public static final String SAMPLE_LIST = "newsletter";

    private final Workspace workspace;
    private final Clock clock;
    private final IssueComposer composer = new IssueComposer(new MarkdownParser());
    private final IssueRenderer renderer;

    public IssuePipeline(Workspace workspace, Clock clock) {
        this.workspace = workspace;
        this.clock = clock;
        this.renderer = new IssueRenderer(new TemplateEngine(workspace.templatesDir()), workspace.site(),
                BrandLook.of(workspace));
    }

    public IssueComposer.Composition compose(Path issueFolder) {
        return composer.compose(issueFolder, workspace.site());
    }

    /** Every error and warning of the compose stage, and the composition when it succeeded (for check). */
    public IssueComposer.Findings lint(Path issueFolder) {
        return composer.lint(issueFolder, workspace.site());
    }

    public RenderedIssue render(Path issueFolder) {
        return render(compose(issueFolder));
    }

    public RenderedIssue render(IssueComposer.Composition composition) {
        return renderer.render(composition.issue());
    }

    /**
     * The messages of an issue to one list, as {@code send} builds them, so that the message.eml of
     * {@code build} is byte for byte what a subscriber would get.
     */
    public CampaignMessages campaign(RenderedIssue rendered, String listSlug) {
        return campaign(rendered, listSlug, rendered.issue().subject());
    }

    /** As above with another subject, e.g. "[TEST] …" for test sends. */
    public CampaignMessages campaign(RenderedIssue rendered, String listSlug, String subject) {
        return new CampaignMessages(rendered, CampaignHeaders.forList(workspace.site(), subject, listSlug));
    }

    /**
     * One recipient's complete message, with a {@code mailto:} unsubscribe to the sender and the
     * sender as envelope sender: the sample message of {@code build}.
     */
    public OutgoingMessage message(CampaignMessages campaign, Recipient recipient, String campaignKey) {
        String sender = workspace.site().sender().address();
        return message(campaign, recipient, campaignKey, "mailto:" + sender + "?subject=unsubscribe", sender);
    }

    /**
     * One recipient's complete message: its Message-ID derived from the campaign and the address (the
     * same message always gets the same ID), with the recipient's own {@code mailto:} unsubscribe
     * (RFC 2369) and envelope sender (VERP), dated now.
     */
    public OutgoingMessage message(CampaignMessages campaign, Recipient recipient, String campaignKey, String unsubscribeMailto,
            String envelopeFrom) {
        return campaign.messageFor(recipient, campaignKey, unsubscribeMailto, envelopeFrom, clock.instant());
    }

    public Workspace workspace() {
        return workspace;
    }
}
