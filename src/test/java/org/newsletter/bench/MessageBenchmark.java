package org.newsletter.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.newsletter.config.Workspace;
import org.newsletter.config.WorkspaceLocator;
import org.newsletter.issue.IssuePipeline;
import org.newsletter.mail.MessageBuilder;
import org.newsletter.mail.MessageIds;
import org.newsletter.mail.MessageSpec;
import org.newsletter.message.CampaignHeaders;
import org.newsletter.message.CampaignMessages;
import org.newsletter.model.Mailbox;
import org.newsletter.model.Recipient;
import org.newsletter.model.Site;
import org.newsletter.render.RenderedIssue;

/**
 * How fast personalised messages of an issue are built: the issue is rendered once, then N messages
 * are built on a number of threads, each with its own recipient, Message-ID and Date, first the way
 * {@code send} builds them ({@link CampaignMessages}), then the Jakarta Mail way ({@link MessageBuilder})
 * for comparison, with fewer messages since it is much slower. Each path is warmed up first. Prints
 * messages/s and MB/s of message bytes; a figure, not a test.
 *
 * <p>Usage, in a workspace: {@code java -cp target/newsletter.jar:target/test-classes org.newsletter.bench.MessageBenchmark
 * [N] [ISSUE] [THREADS]} (defaults: 200000, 2024-08-team-update, 2).
 */
public final class MessageBenchmark {

    private static final String[] FIRST = {"Ann", "Bob", "Chloé", "Dev", "Eilidh", "Femi", "Grace", "Hamza", "Isla", "José",
            "Kai", "Lena", "Mohammed", "Niamh", "Oluwaseun", "Priya", "Quinn", "Rhys", "Siobhán", "Tomasz", "Uma", "Zoë"};
    private static final String[] LAST = {"Smith", "O'Neil", "Patel", "Nowak", "Jones", "Okafor", "MacLeod", "Khan",
            "García", "Williams", "Brown", "Taylor", "Davies", "Evans", "Wilson", "Thomas", "Roberts", "Ahmed"};
    private static final int RECIPIENTS = 10_000;
    private static final String CAMPAIGN = "bench-campaign";

    /** One way of building a recipient's message bytes. */
    private interface MessageMaker {
        byte[] build(Recipient recipient);
    }

    private MessageBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        String issueName = args.length > 1 ? args[1] : "2024-08-team-update";
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;

        Path here = Path.of("").toAbsolutePath();
        Workspace workspace = new WorkspaceLocator().locate(here);
        Site site = workspace.site();
        Clock clock = Clock.systemUTC();
        IssuePipeline pipeline = new IssuePipeline(workspace, clock);
        long renderStart = System.nanoTime();
        RenderedIssue rendered = pipeline.render(pipeline.compose(workspace.issueFolder(here, issueName)));
        double renderSeconds = (System.nanoTime() - renderStart) / 1e9;
        List<Recipient> recipients = recipients(site);
        CampaignHeaders headers = CampaignHeaders.forList(site, rendered.issue().subject(), "bench");
        String domain = site.sender().domain();
        String mailto = "mailto:" + site.sender().address() + "?subject=unsubscribe";

        long setupStart = System.nanoTime();
        CampaignMessages campaign = new CampaignMessages(rendered, headers);
        double setupMillis = (System.nanoTime() - setupStart) / 1e6;
        MessageMaker fast = recipient -> campaign.message(recipient, MessageIds.of(domain, CAMPAIGN, recipient.email()), mailto,
                site.sender().address(), clock.instant()).bytes();

        MessageBuilder builder = new MessageBuilder();
        MessageMaker jakarta = recipient -> {
            RenderedIssue.PersonalisedContent content = rendered.personalise(recipient);
            MessageSpec spec = new MessageSpec(headers.from(), headers.replyTo(), new Mailbox(recipient.name(), recipient.email()),
                    headers.subject(), clock.instant(), MessageIds.of(domain, CAMPAIGN, recipient.email()), headers.listId(),
                    headers.listName(), recipient.unsubscribeUrl(), mailto, content.text(), content.html());
            return builder.toBytes(builder.build(spec));
        };

        System.out.printf(Locale.ROOT, "issue %s rendered once in %.2f s; CampaignMessages set up in %.1f ms; %d threads%n",
                issueName, renderSeconds, setupMillis, threads);
        run("CampaignMessages (send, build)", fast, recipients, Math.min(count / 4, 50_000), count, threads);
        int slow = Math.max(1_000, count / 20);
        run("MessageBuilder (Jakarta Mail)", jakarta, recipients, Math.min(slow / 4, 2_000), slow, threads);
    }

    private static void run(String name, MessageMaker path, List<Recipient> recipients, int warmUp, int count, int threads)
            throws InterruptedException, ExecutionException {
        build(path, recipients, warmUp, threads);
        long start = System.nanoTime();
        long bytes = build(path, recipients, count, threads);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-32s %,9d messages in %6.2f s = %,8.0f messages/s, %6.1f MB/s (%.1f KB a message)%n",
                name, count, seconds, count / seconds, bytes / seconds / 1e6, bytes / 1024.0 / count);
    }

    /** Builds {@code count} messages on {@code threads} threads; returns the bytes built. */
    private static long build(MessageMaker path, List<Recipient> recipients, int count, int threads)
            throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    long bytes = 0;
                    for (int i = first; i < count; i += threads) {
                        byte[] message = path.build(recipients.get(i % recipients.size()));
                        // Reads a byte from the middle, so the copying cannot be optimised away; adds 0 (7-bit bytes).
                        bytes += message.length + (message[message.length / 2] & 0x80);
                    }
                    return bytes;
                }));
            }
            long bytes = 0;
            for (Future<Long> part : parts) {
                bytes += part.get();
            }
            return bytes;
        } finally {
            pool.shutdown();
        }
    }

    /** Realistic recipients: accented names, plain addresses, unsubscribe URLs with a 43-character token. */
    private static List<Recipient> recipients(Site site) {
        Random random = new Random(42);
        List<Recipient> recipients = new ArrayList<>(RECIPIENTS);
        byte[] token = new byte[32];
        for (int i = 0; i < RECIPIENTS; i++) {
            random.nextBytes(token);
            String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
            recipients.add(new Recipient(name, "person" + i + "@example.org",
                    site.baseUrl().resolve("u/" + Base64.getUrlEncoder().withoutPadding().encodeToString(token)).toString()));
        }
        return recipients;
    }
}
