package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.MailingList;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.SelfService;
import org.newsletter.store.Store;
import org.newsletter.testing.IssueFixture;

/** {@code lists set --welcome}: each person who subscribes themselves gets the issue once; staff adds and imports never do. */
class WelcomeMailTest {

    static final String ISSUE = IssueFixture.SEED_ISSUE;

    @TempDir
    Path dir;

    IssueFixture workspace;

    @BeforeEach
    void setUp() {
        workspace = IssueFixture.copyOfRepository(dir).env("NEWSLETTER_SECRET", SendCommandTest.SECRET);
        ok("lists", "create", "news", "--name", "Monthly news");
        ok("lists", "create", "club", "--name", "Club", "--double-opt-in");
        ok("subscribers", "add", "staff-added@example.org", "--list", "news");
        ok("subscribers", "add", "staff-added@example.org", "--list", "club", "--update");
    }

    IssueFixture.Run ok(String... args) {
        IssueFixture.Run run = workspace.run(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
        return run;
    }

    Store store() {
        return Store.open(DatabaseLocation.resolve(null, dir.resolve(".newsletter"), Map.of()), IssueFixture.CLOCK);
    }

    /** The form, as a reader uses it; returns the person's id. */
    long subscribeThroughTheForm(String address, String list) throws Exception {
        try (Store store = store()) {
            MailingList mailingList = store.lists().require(list);
            return store.selfService().request(EmailAddress.parse(address), "", mailingList, "form").subscriberId();
        }
    }

    void confirm(long subscriber, String list) {
        try (Store store = store()) {
            assertThat(store.selfService().confirm(subscriber, store.lists().require(list).id(), "confirmed"))
                    .isEqualTo(SelfService.Confirmation.SUBSCRIBED);
        }
    }

    List<String> welcomed() throws Exception {
        Path outbox = dir.resolve(".newsletter/outbox");
        List<String> to = new ArrayList<>();
        if (!Files.isDirectory(outbox)) {
            return to;
        }
        try (Stream<Path> files = Files.walk(outbox)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".eml") && !f.toString().contains("confirmations")).toList()) {
                to.add(SendCommandTest.parse(file).getRecipients(jakarta.mail.Message.RecipientType.TO)[0].toString());
            }
        }
        return to.stream().sorted().toList();
    }

    @Test
    void aNewSubscriberIsWelcomedOnceWhenTheySubscribeOrConfirmAndNobodyAddedByStaffOrImportedEverIs() throws Exception {
        IssueFixture.Run set = ok("lists", "set", "news", "--welcome", "newsletters/" + ISSUE);
        assertThat(set.out()).contains("New subscribers to 'news' get " + ISSUE + " once");
        ok("lists", "set", "club", "--welcome", "newsletters/" + ISSUE);
        assertThat(ok("run-due").out()).contains("Nothing is due");
        assertThat(welcomed()).as("those already subscribed are not welcomed").isEmpty();

        long ann = subscribeThroughTheForm("ann@example.org", "news");
        long bob = subscribeThroughTheForm("bob@example.org", "club"); // pending until confirmed
        workspace.write("people.csv", "email,name\nimported@example.org,Imp\n");
        ok("subscribers", "import", "people.csv", "--list", "news");
        ok("subscribers", "add", "added@example.org", "--list", "news");

        ok("run-due");
        assertThat(welcomed()).containsExactly("ann@example.org");

        confirm(bob, "club");
        ok("run-due");
        assertThat(welcomed()).containsExactly("ann@example.org", "bob@example.org");

        // Leaving and coming back (their own link) is not a second welcome.
        try (Store store = store()) {
            long news = store.lists().require("news").id();
            assertThat(store.selfService().unsubscribe(ann, news, "link")).isTrue();
            assertThat(store.selfService().resubscribe(ann, news, "link")).isEqualTo(SelfService.Confirmation.SUBSCRIBED);
        }
        ok("run-due");
        ok("run-due");
        assertThat(welcomed()).containsExactly("ann@example.org", "bob@example.org");
        assertThat(ok("campaigns").out()).contains(ISSUE);
    }
}
