package org.newsletter.send;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.newsletter.config.SendingSettings;
import org.newsletter.config.Workspace;
import org.newsletter.mail.MessageSigner;
import org.newsletter.mail.MessageSigners;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.mail.Transport;
import org.newsletter.message.LinkTracking;
import org.newsletter.message.PersonalLinks;
import org.newsletter.message.PrivateIssueAddress;
import org.newsletter.model.Campaign;
import org.newsletter.model.MailingList;
import org.newsletter.model.Subscriber;
import org.newsletter.model.SubscriptionStatus;
import org.newsletter.model.Tracking;
import org.newsletter.model.UserInputException;
import org.newsletter.render.RenderedIssue;
import org.newsletter.store.CampaignDraft;
import org.newsletter.store.DeliveryJournal;
import org.newsletter.store.Store;
import org.newsletter.store.SubscriberQuery;
import org.newsletter.store.segment.Segment;
import org.newsletter.store.segment.SegmentParser;
import org.newsletter.store.segment.SegmentSyntaxException;

/**
 * The campaign pipeline behind {@code send} and {@code campaigns retry}: plan (render, choose the
 * audience, compare with an earlier start), start or resume, and run.
 */
public final class CampaignSender {

    private final Workspace workspace;
    private final IssueSource issues;
    private final Store store;
    private final Map<String, String> environment;
    private final Clock clock;
    private final Transports transports;

    public CampaignSender(Workspace workspace, IssueSource issues, Store store, Map<String, String> environment, Clock clock) {
        this.workspace = workspace;
        this.issues = issues;
        this.store = store;
        this.environment = environment;
        this.clock = clock;
        this.transports = new Transports(workspace.sending(), environment, workspace.outboxDir());
    }

    /**
     * Renders the issue and works out who it goes to. A campaign of the same issue, list and segment is
     * resumed; if the issue has changed since it began, that is an error unless {@code allowChanged}.
     */
    public SendPlan plan(Path issueFolder, String listSlug, String segmentText, SendingSettings.Rate rateOverride, boolean allowChanged) {
        signer(); // a bad DKIM key or transport URL stops the send here, before a campaign is recorded
        RenderedIssue rendered = issues.render(issueFolder);
        MailingList list = store.lists().require(listSlug);
        String segmentSource = segmentText == null ? "" : segmentText.strip();
        Segment segment = parseSegment(segmentSource);
        String slug = issueFolder.getFileName().toString();
        CampaignDraft draft = new CampaignDraft(slug, list, segmentSource, segment, rendered.issue().subject(), ContentHash.of(rendered),
                transports.describe());
        Campaign existing = store.campaigns().find(slug, list.id(), segmentSource).orElse(null);
        if (existing != null && !existing.finished() && !existing.contentHash().equals(draft.contentHash()) && !allowChanged) {
            throw new UserInputException("issue '" + slug + "' has changed since campaign " + existing.id() + " began on " + existing.createdAt()
                    + "; undo the change, or pass --allow-changed to send the new version to the people not yet sent to");
        }
        SendingSettings.Rate rate = rateOverride != null ? rateOverride : workspace.sending().rate();
        return new SendPlan(issueFolder, rendered, list, draft, existing, existing == null ? store.campaigns().preview(draft) : null,
                transports.describe(), rate, transports.connections());
    }

    /** The plan for resuming or retrying an existing campaign, from the issue folder it was sent from. */
    public SendPlan plan(Campaign campaign, boolean allowChanged) {
        Path folder = workspace.newslettersDir().resolve(campaign.issue());
        if (!java.nio.file.Files.isDirectory(folder)) {
            throw new UserInputException("campaign " + campaign.id() + " was sent from newsletters/" + campaign.issue() + ", which no longer exists");
        }
        return plan(folder, campaign.listSlug(), campaign.segment(), null, allowChanged);
    }

    /**
     * Starts the planned campaign (fixing its audience), or returns the one it resumes. A new campaign
     * is recorded only once a message of it can be built: a recorded campaign publishes the issue in
     * the archive and the feed, which a send that then refuses (a line break in the subject) must not.
     */
    public Campaign start(SendPlan plan) {
        if (plan.resumes()) {
            return plan.existing();
        }
        return store.campaigns().start(buildable(plan));
    }

    /** The plan's campaign draft, once a message of it can be built (see {@link #start}); throws when none can. */
    public CampaignDraft buildable(SendPlan plan) {
        new FirstMessage(workspace.site(), clock).build(plan, links(), signer());
        return plan.draft();
    }

    /**
     * Sends everything of {@code campaign} that is due and not yet accepted, or until {@code stop} is
     * requested (then what was not sent stays queued for the next run).
     */
    public RunReport run(Campaign campaign, SendPlan plan, SendProgress progress, StopRequest stop) throws InterruptedException {
        Transport transport = transports.create(outboxFolder(campaign));
        // Tracked links are recorded before the first message goes out, so /c/ can answer every one of them.
        LinkTracking.Tracked tracked = new LinkTracking(workspace.tracking(), workspace.site().baseUrl(), tokens())
                .apply(asTheListReadsIt(plan), campaign.id(), campaign.issue());
        store.tracking().recordLinks(campaign.id(), tracked.links());
        MessageMaker maker = new BuiltMessages(workspace.site(), tracked.rendered(), campaign, plan.list(), links(), signer(), clock,
                workspace.tracking().clicks() == Tracking.Clicks.PER_PERSON);
        RunReport report;
        try (DeliveryJournal journal = store.journal(campaign, plan.list())) {
            report = new CampaignRun(journal, transport, maker, plan.connections(), plan.rate(), workspace.sending().retry(), clock, progress,
                    stop).run();
        }
        store.campaigns().finishIfDone(campaign.id());
        return report;
    }

    /**
     * Who the planned send would mail, in address order: for a new campaign everyone subscribed (and
     * in the segment), for a resumed one those it has still to send to; suppressed people, whom the
     * run would skip, left out. Nothing is recorded ({@code send --dry-run}).
     */
    public void recipients(SendPlan plan, Consumer<Subscriber> each) {
        SuppressedFilter filter = new SuppressedFilter(store, each);
        if (plan.resumes()) {
            store.listing().forEachStillToSend(plan.existing().id(), row -> filter.accept(row.subscriber()));
        } else {
            store.listing().forEach(new SubscriberQuery(plan.list(), SubscriptionStatus.SUBSCRIBED, plan.draft().segment()),
                    row -> filter.accept(row.subscriber()));
        }
        filter.flush();
    }

    /** Passes people on in order, a few hundred at a time, without those on the suppression list. */
    private static final class SuppressedFilter {
        private static final int BATCH = 500;
        private final Store store;
        private final Consumer<Subscriber> each;
        private final List<Subscriber> waiting = new ArrayList<>(BATCH);

        SuppressedFilter(Store store, Consumer<Subscriber> each) {
            this.store = store;
            this.each = each;
        }

        void accept(Subscriber subscriber) {
            waiting.add(subscriber);
            if (waiting.size() == BATCH) {
                flush();
            }
        }

        void flush() {
            java.util.Set<String> suppressed = store.suppressions().suppressedKeys(
                    waiting.stream().map(s -> org.newsletter.model.EmailAddress.keyOf(s.email())).toList());
            for (Subscriber subscriber : waiting) {
                if (!suppressed.contains(org.newsletter.model.EmailAddress.keyOf(subscriber.email()))) {
                    each.accept(subscriber);
                }
            }
            waiting.clear();
        }
    }

    /** {@code --test-to}: the plan's message to these addresses only, "[TEST]" in the subject, no campaign recorded. */
    public java.util.List<TestSend.Result> testSend(SendPlan plan, java.util.List<org.newsletter.model.EmailAddress> addresses) {
        return new TestSend(workspace.site(), store, clock, signer()).send(plan, asTheListReadsIt(plan), links(), transports.create("test"),
                addresses);
    }

    /**
     * The plan's issue with the web addresses its readers need: the archive answers an issue sent only
     * to private lists only at its keyed address, so a private list's email links there. Done before
     * click tracking, so a tracked "view in browser" redirects to the keyed address too.
     */
    private RenderedIssue asTheListReadsIt(SendPlan plan) {
        return plan.list().isPublic() ? plan.rendered() : new PrivateIssueAddress(workspace.site(), tokens()).forPrivateList(plan.rendered());
    }

    /** The links and VERP addresses, signed with the workspace's secret. */
    public PersonalLinks links() {
        return new PersonalLinks(workspace.site(), tokens(), workspace.sending().bounceAddress());
    }

    private SubscriberTokens tokens() {
        return new SubscriberTokens(store.settings().tokenSecret(environment));
    }

    /**
     * The DKIM signer when newsletter.yaml has {@code dkim:}, else none. The key is read once per run; a
     * bad key file stops the send before anything goes out.
     */
    public MessageSigner signer() {
        return MessageSigners.of(workspace.sending().dkim(), clock);
    }

    /** {@code .newsletter/outbox/ID-ISSUE/}: one folder per campaign, named so people can find it. */
    public static String outboxFolder(Campaign campaign) {
        return campaign.id() + "-" + campaign.issue();
    }

    private static Segment parseSegment(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return SegmentParser.parse(text);
        } catch (SegmentSyntaxException e) {
            throw new UserInputException(e.getMessage() + " in '" + text + "'");
        }
    }

}
