package org.newsletter.message;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.newsletter.config.Workspace;
import org.newsletter.config.WorkspaceLocator;
import org.newsletter.issue.IssuePipeline;
import org.newsletter.mail.MessageIds;
import org.newsletter.mail.MessageSpec;
import org.newsletter.model.Mailbox;
import org.newsletter.model.Recipient;
import org.newsletter.model.Site;
import org.newsletter.render.RenderedIssue;
import org.newsletter.render.Slot;
import org.newsletter.render.Stencil;
import org.newsletter.testing.IssueFixture;

/**
 * The seed issue rendered once, and the same issue with the recipient's name placed where names are
 * hardest on an encoder (start and end of lines, an HTML attribute, the very end of each body), since
 * the shipped templates only use the address and unsubscribe slots.
 */
record SeedCampaign(Site site, RenderedIssue rendered, RenderedIssue withNames) {

    static final String LIST = "newsletter";
    static final String CAMPAIGN = "campaign-1";
    static final Instant DATE = Instant.parse("2024-08-09T07:30:15.250Z");

    static SeedCampaign render(Path dir) {
        IssueFixture.copyOfRepository(dir);
        Workspace workspace = new WorkspaceLocator().locate(dir);
        IssuePipeline pipeline = new IssuePipeline(workspace, IssueFixture.CLOCK);
        RenderedIssue rendered = pipeline.render(pipeline.compose(workspace.issueFolder(dir, IssueFixture.SEED_ISSUE)));
        return new SeedCampaign(workspace.site(), rendered, withNames(rendered));
    }

    private static RenderedIssue withNames(RenderedIssue rendered) {
        String name = Slot.RECIPIENT_NAME.marker();
        String html = rendered.emailHtml().fill(Slot::marker);
        int body = html.indexOf('>', html.indexOf("<body")) + 1;
        html = html.substring(0, body) + "\n<p title=\"" + name + "\">Dear " + name + ",</p>\n" + name + html.substring(body) + name;
        String text = name + "\nDear " + name + ",\n" + rendered.emailText().fill(Slot::marker) + name;
        return new RenderedIssue(rendered.issue(), Stencil.compile(html), Stencil.compile(text), rendered.webHtml(),
                Map.of());
    }

    CampaignHeaders headers() {
        return CampaignHeaders.forList(site, rendered.issue().subject(), LIST);
    }

    String messageId(Recipient recipient) {
        return MessageIds.of(site.sender().domain(), CAMPAIGN, recipient.email());
    }

    String mailto() {
        return "mailto:" + site.sender().address() + "?subject=unsubscribe";
    }

    /** What the reference MessageBuilder gets for the same message. */
    MessageSpec spec(RenderedIssue issue, CampaignHeaders headers, Recipient recipient) {
        RenderedIssue.PersonalisedContent content = issue.personalise(recipient);
        return new MessageSpec(headers.from(), headers.replyTo(), new Mailbox(recipient.name(), recipient.email()),
                headers.subject(), DATE, messageId(recipient), headers.listId(), headers.listName(),
                recipient.unsubscribeUrl(), mailto(), content.text(), content.html());
    }
}
