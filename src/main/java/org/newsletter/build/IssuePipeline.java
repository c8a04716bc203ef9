package org.newsletter.build;

import java.nio.file.Path;
import java.time.Clock;
import org.newsletter.compose.IssueComposer;
import org.newsletter.compose.MarkdownParser;
import org.newsletter.config.Workspace;
import org.newsletter.mail.MessageBuilder;
import org.newsletter.mail.MessageIds;
import org.newsletter.mail.MessageSpec;
import org.newsletter.model.Mailbox;
import org.newsletter.model.Recipient;
import org.newsletter.model.Site;
import org.newsletter.render.IssueRenderer;
import org.newsletter.render.RenderedIssue;
import org.newsletter.render.TemplateEngine;

/**
 * The compose → render → message path for one workspace, shared by build, check and (later) preview
 * and send, so they can never disagree about what an issue looks like.
 */
public final class IssuePipeline {

    /** The list a sample message claims to come from until lists exist. */
    static final String SAMPLE_LIST = "newsletter";

    private final Workspace workspace;
    private final Clock clock;
    private final IssueComposer composer = new IssueComposer(new MarkdownParser());
    private final IssueRenderer renderer;
    private final MessageBuilder messages = new MessageBuilder();

    public IssuePipeline(Workspace workspace, Clock clock) {
        this.workspace = workspace;
        this.clock = clock;
        this.renderer = new IssueRenderer(new TemplateEngine(workspace.templatesDir()), workspace.site(), clock);
    }

    public IssueComposer.Composition compose(Path issueFolder) {
        return composer.compose(issueFolder, workspace.site());
    }

    public RenderedIssue render(IssueComposer.Composition composition) {
        return renderer.render(composition.issue());
    }

    /** A complete message of the issue for one recipient, as the send path will build it. */
    public MessageSpec message(RenderedIssue rendered, Recipient recipient, String listSlug, String campaignKey) {
        return message(rendered, recipient, listSlug, campaignKey, "mailto:" + workspace.site().sender().address() + "?subject=unsubscribe");
    }

    /** As above, with the recipient's own {@code mailto:} unsubscribe address (RFC 2369). */
    public MessageSpec message(RenderedIssue rendered, Recipient recipient, String listSlug, String campaignKey, String unsubscribeMailto) {
        Site site = workspace.site();
        RenderedIssue.PersonalisedContent content = rendered.personalise(recipient);
        String domain = site.sender().domain();
        return new MessageSpec(site.sender(), site.replyTo(), new Mailbox(recipient.name(), recipient.email()),
                rendered.issue().subject(), clock.instant(),
                MessageIds.of(domain, campaignKey, recipient.email()),
                listSlug + "." + domain, site.organisation(),
                recipient.unsubscribeUrl(),
                unsubscribeMailto,
                content.text(), content.html());
    }

    public MessageBuilder messages() {
        return messages;
    }

    public Workspace workspace() {
        return workspace;
    }
}
