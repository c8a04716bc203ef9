package org.newsletter.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.config.SendingSettings;
import org.newsletter.config.Workspace;
import org.newsletter.config.WorkspaceLocator;
import org.newsletter.issue.IssuePipeline;
import org.newsletter.mail.MessageSigner;
import org.newsletter.model.Campaign;
import org.newsletter.model.DeliveryState;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.MailingList;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.DeliveryJournal;
import org.newsletter.store.NewSubscriber;
import org.newsletter.store.Store;
import org.newsletter.testing.IssueFixture;
import org.newsletter.testing.RequiresPostgres;
import org.newsletter.testing.TestPostgres;

/**
 * Three senders, each with its own database connection as separate processes would have, work on one
 * campaign in PostgreSQL at the same time: between them everyone gets exactly one message.
 */
@RequiresPostgres
class PostgresConcurrentSendersTest {

    static final int PEOPLE = 600;

    @TempDir
    Path dir;

    final TestPostgres server;
    DatabaseLocation location;
    final List<Store> stores = new ArrayList<>();

    PostgresConcurrentSendersTest(TestPostgres server) {
        this.server = server;
    }

    @AfterEach
    void tearDown() {
        stores.forEach(Store::close);
        if (location != null) {
            server.dropSchema(location);
        }
    }

    Store open() {
        Store store = Store.open(location, Clock.systemUTC());
        stores.add(store);
        return store;
    }

    @Test
    void threeSendersShareOneCampaignAndNobodyGetsTwoMessages() throws Exception {
        location = server.newSchema();
        IssueFixture.copyOfRepository(dir);
        Workspace workspace = new WorkspaceLocator().locate(dir);
        Store first = open();
        MailingList news = first.lists().create("news", "News", "", false);
        for (int i = 0; i < PEOPLE; i++) {
            first.subscribers().add(new NewSubscriber(EmailAddress.parse("p" + i + "@example.org"), "", Set.of(), Map.of(), "test",
                    Clock.systemUTC().instant()), news, "test");
        }
        IssuePipeline pipeline = new IssuePipeline(workspace, IssueFixture.CLOCK);
        Map<String, String> environment = Map.of("NEWSLETTER_SECRET", "s".repeat(40));
        CampaignSender starter = new CampaignSender(workspace, pipeline::render, first, environment, Clock.systemUTC());
        SendPlan plan = starter.plan(dir.resolve("newsletters/" + IssueFixture.SEED_ISSUE), "news", null, null, false);
        Campaign campaign = starter.start(plan);

        RecordingTransport transport = new RecordingTransport();
        transport.sendMillis = 5; // like a real server's round trips, so the senders overlap
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<RunReport>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Store own = open();
            CampaignSender sender = new CampaignSender(workspace, pipeline::render, own, environment, Clock.systemUTC());
            MessageMaker maker = new BuiltMessages(workspace.site(), plan.rendered(), campaign, news, sender.links(), MessageSigner.NONE,
                    Clock.systemUTC());
            runs.add(pool.submit(() -> {
                try (DeliveryJournal journal = own.journal(campaign, news)) {
                    return new CampaignRun(journal, transport, maker, 2, SendingSettings.Rate.UNLIMITED,
                            new SendingSettings.Retry(2, Duration.ofMillis(5)), Clock.systemUTC(), SendProgress.NONE, new StopRequest()).run();
                }
            }));
        }
        long total = 0;
        List<Long> shares = new ArrayList<>();
        for (Future<RunReport> run : runs) {
            long accepted = run.get().accepted();
            shares.add(accepted);
            total += accepted;
        }
        pool.shutdown();

        assertThat(transport.recipients()).hasSize(PEOPLE).doesNotHaveDuplicates();
        assertThat(total).isEqualTo(PEOPLE);
        // How the work splits depends on thread start-up; that it was shared at all is what matters here.
        assertThat(shares.stream().filter(n -> n > 0).count()).as("senders that did part of the work: " + shares).isGreaterThanOrEqualTo(2);
        assertThat(first.campaigns().counts(campaign.id()).get(DeliveryState.ACCEPTED)).isEqualTo(PEOPLE);
    }
}
