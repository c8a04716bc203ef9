package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.SuppressionReason;
import org.newsletter.store.DatabaseBusyException;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.Store;
import org.newsletter.store.StoreBackend;
import org.newsletter.testing.IssueFixture;
import org.newsletter.testing.RequiresPostgres;
import org.newsletter.testing.TestPostgres;
import org.newsletter.testing.ScriptedTerminal;

/** The lists, subscribers and privacy commands, through the real command line. */
class SubscriberCommandsTest {

    @TempDir
    Path dir;

    private static IssueFixture.Run ok(IssueFixture.Run run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    @Test
    void aStaffMemberManagesAListFromTheCommandLine() {
        IssueFixture fixture = IssueFixture.in(dir);
        assertThat(ok(fixture.run("lists")).out()).contains("No lists yet");
        ok(fixture.run("lists", "create", "news", "--name", "Monthly news", "--double-opt-in"));
        assertThat(dir.resolve(".newsletter/newsletter.db")).isRegularFile();
        assertThat(ok(fixture.run("subscribers", "add", "Ann@Example.ORG", "--name", "Ann", "--list", "news",
                "--tag", "cuppa", "--attr", "city=Leeds")).out()).contains("Added Ann@example.org to 'news'");
        ok(fixture.run("subscribers", "add", "bob@example.org", "--list", "news"));
        ok(fixture.run("subscribers", "tag", "bob@example.org", "volunteer", "drop-in"));
        ok(fixture.run("subscribers", "untag", "bob@example.org", "drop-in"));
        ok(fixture.run("subscribers", "unsubscribe", "bob@example.org", "--list", "news"));

        String lists = ok(fixture.run("lists")).out();
        assertThat(lists).containsPattern("news\\s+Monthly news\\s+1\\s+0\\s+1\\s+yes");
        assertThat(ok(fixture.run("lists", "show", "news")).out()).contains("Subscribed:    1").contains("Double opt-in: yes");

        String show = ok(fixture.run("subscribers", "show", "ann@example.org")).out();
        assertThat(show).contains("Email:       Ann@example.org").contains("Tags:        cuppa").contains("city=Leeds")
                .contains("Consent:     staff: tester, 2024-08-01 09:00 UTC")
                .containsPattern("news\\s+subscribed\\s+since 2024-08-01 09:00 UTC \\(staff: tester\\)");
        String bob = ok(fixture.run("subscribers", "show", "bob@example.org")).out();
        assertThat(bob).containsPattern("subscribed\\s+staff: tester").containsPattern("unsubscribed\\s+staff: tester")
                .contains("Tags:        volunteer");

        IssueFixture.Run table = ok(fixture.run("subscribers", "list", "--list", "news", "--status", "subscribed"));
        assertThat(table.out()).contains("Ann@example.org").doesNotContain("bob@example.org");
        assertThat(table.err()).contains("1 subscriber(s)");
        assertThat(ok(fixture.run("subscribers", "list", "--segment", "tag:volunteer or attr.city=Leeds", "--format", "json")).out())
                .contains("\"email\":\"Ann@example.org\"").contains("\"email\":\"bob@example.org\"").contains("\"city\":\"Leeds\"");

        ok(fixture.run("subscribers", "remove", "bob@example.org", "--yes"));
        String removed = ok(fixture.run("subscribers", "show", "bob@example.org")).out();
        assertThat(removed).contains("bob@example.org (not on file; only a hash of the address is kept)")
                .containsPattern("news\\s+unsubscribed\\s+since 2024-08-01 09:00 UTC \\(staff: tester\\)").doesNotContain("Tags:");
        ok(fixture.run("subscribers", "remove", "Ann@example.org", "--yes"));
        assertThat(fixture.run("subscribers", "show", "ann@example.org").err()).contains("no subscriber ann@example.org");
    }

    /** Issue 16: a list's name goes into the Subject of confirmation emails, where a line break would start a header of its own. */
    @Test
    void aListNameWithALineBreakIsRefused() {
        IssueFixture fixture = IssueFixture.in(dir);
        IssueFixture.Run run = fixture.run("lists", "create", "news", "--name", "News\r\nBcc: evil@x.org");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly(
                "newsletter: error: a list's --name must be one line: it goes into the Subject of confirmation emails");
        assertThat(ok(fixture.run("lists")).out()).contains("No lists yet");
    }

    @Test
    void listsArePublicUnlessCreatedOrSetPrivate() {
        IssueFixture fixture = IssueFixture.in(dir);
        assertThat(ok(fixture.run("lists", "create", "staff", "--name", "Staff", "--private")).out()).contains("Created private list 'staff'");
        ok(fixture.run("lists", "create", "news", "--name", "News"));
        assertThat(ok(fixture.run("lists")).out()).containsPattern("VISIBILITY").containsPattern("news\\s+News\\s+0\\s+0\\s+0\\s+no\\s+public")
                .containsPattern("staff\\s+Staff\\s+0\\s+0\\s+0\\s+no\\s+private");
        assertThat(ok(fixture.run("lists", "show", "staff")).out()).contains("Visibility:    private");
        assertThat(ok(fixture.run("lists", "set", "staff", "--public")).out()).contains("List 'staff' is now public");
        assertThat(ok(fixture.run("lists", "show", "staff")).out()).contains("Visibility:    public");
        assertThat(ok(fixture.run("lists", "set", "news", "--private")).out()).contains("List 'news' is now private");
        assertThat(ok(fixture.run("lists", "set", "news", "--private")).out()).contains("List 'news' was already private");
        assertThat(fixture.run("lists", "set", "news").exitCode()).isEqualTo(2);
        assertThat(fixture.run("lists", "set", "news", "--private", "--public").exitCode()).isEqualTo(2);
        assertThat(fixture.run("lists", "set", "newz", "--public").errLines()).containsExactly("newsletter: error: no list 'newz'; lists: news, staff");
    }

    /** Issue 15: add silently renamed "Ann Lee" to "Ann L" and echoed the address as typed. */
    @Test
    void addOnSomeoneOnFileKeepsTheirDetailsUnlessUpdateAndEchoesTheStoredAddress() {
        IssueFixture fixture = IssueFixture.in(dir);
        ok(fixture.run("lists", "create", "news", "--name", "News"));
        ok(fixture.run("lists", "create", "events", "--name", "Events"));
        ok(fixture.run("subscribers", "add", "Ann@Example.org", "--name", "Ann Lee", "--list", "news", "--tag", "cuppa"));

        IssueFixture.Run again = ok(fixture.run("subscribers", "add", "ann@example.org", "--name", "Ann L", "--list", "events",
                "--tag", "cuppa", "--tag", "drop-in", "--attr", "city=York"));
        assertThat(again.out().lines()).containsExactly("Subscribed Ann@example.org (already on file) to 'events'",
                "Kept what is on file: name 'Ann Lee' (not 'Ann L'), no tag drop-in, no city (not York); --update changes it");
        assertThat(ok(fixture.run("subscribers", "show", "ann@example.org")).out()).contains("Name:        Ann Lee").contains("Tags:        cuppa\n")
                .contains("Attributes:  -");

        assertThat(ok(fixture.run("subscribers", "add", "ANN@example.org", "--list", "news")).out().lines())
                .containsExactly("Ann@example.org was already on 'news'");
        IssueFixture.Run updated = ok(fixture.run("subscribers", "add", "ann@example.org", "--name", "Ann L", "--list", "news", "--attr", "city=York",
                "--update"));
        assertThat(updated.out().lines()).containsExactly("Ann@example.org was already on 'news'", "Updated name 'Ann L', city=York");
        assertThat(ok(fixture.run("subscribers", "show", "ann@example.org")).out()).contains("Name:        Ann L\n").contains("city=York");
    }

    /** Issue 15: untag said it removed a tag she never had. */
    @Test
    void untagSaysWhenSomeoneHadNoSuchTag() {
        IssueFixture fixture = IssueFixture.in(dir);
        ok(fixture.run("lists", "create", "news", "--name", "News"));
        ok(fixture.run("subscribers", "add", "ann@example.org", "--list", "news", "--tag", "cuppa"));
        IssueFixture.Run nosuch = fixture.run("subscribers", "untag", "ann@example.org", "nosuch");
        assertThat(nosuch.exitCode()).isEqualTo(1);
        assertThat(nosuch.out()).isEmpty();
        assertThat(nosuch.errLines()).containsExactly("newsletter: error: ann@example.org has no tag 'nosuch'; tags on file: cuppa");

        IssueFixture.Run partly = fixture.run("subscribers", "untag", "ann@example.org", "cuppa", "nosuch");
        assertThat(partly.exitCode()).isEqualTo(1);
        assertThat(partly.errLines()).containsExactly(
                "newsletter: error: removed cuppa from ann@example.org, but ann@example.org has no tag 'nosuch'; tags on file: none");
        assertThat(ok(fixture.run("subscribers", "show", "ann@example.org")).out()).contains("Tags:        -");
        ok(fixture.run("subscribers", "tag", "ann@example.org", "volunteer"));
        assertThat(ok(fixture.run("subscribers", "untag", "ann@example.org", "volunteer")).out())
                .isEqualTo("Removed tags from ann@example.org: volunteer\n");
    }

    /** Issue 15: remove and privacy erase deleted without asking. */
    @Test
    void removeAndEraseAskFirstOnATerminalAndNeedYesWithoutOne() {
        IssueFixture fixture = IssueFixture.in(dir);
        ok(fixture.run("lists", "create", "news", "--name", "News"));
        ok(fixture.run("subscribers", "add", "Ann@example.org", "--list", "news"));
        ok(fixture.run("subscribers", "add", "bob@example.org", "--list", "news"));

        IssueFixture.Run script = fixture.run("subscribers", "remove", "ann@example.org");
        assertThat(script.exitCode()).isEqualTo(1);
        assertThat(script.errLines()).containsExactly(
                "newsletter: error: refusing to remove without confirmation: there is no terminal to ask; pass --yes to remove from a script");
        ScriptedTerminal no = new ScriptedTerminal("n");
        IssueFixture.Run declined = fixture.run(no, "subscribers", "remove", "ann@example.org");
        assertThat(declined.exitCode()).isEqualTo(1);
        assertThat(declined.out()).contains("Not removed.");
        assertThat(no.prompts()).containsExactly("Delete Ann@example.org and everything held about them? [y/N] ");
        assertThat(ok(fixture.run("subscribers", "show", "ann@example.org")).out()).contains("Email:       Ann@example.org");
        assertThat(ok(fixture.run(new ScriptedTerminal("y"), "subscribers", "remove", "ann@example.org")).out()).contains("Removed Ann@example.org");
        assertThat(fixture.run("subscribers", "show", "ann@example.org").exitCode()).isEqualTo(1);

        IssueFixture.Run erase = fixture.run("privacy", "erase", "bob@example.org");
        assertThat(erase.exitCode()).isEqualTo(1);
        assertThat(erase.errLines()).containsExactly(
                "newsletter: error: refusing to erase without confirmation: there is no terminal to ask; pass --yes to erase from a script");
        assertThat(fixture.run(new ScriptedTerminal(""), "privacy", "erase", "bob@example.org").out()).contains("Not erased.");
        assertThat(ok(fixture.run("privacy", "export", "bob@example.org")).out()).contains("\"name\"");
        assertThat(ok(fixture.run(new ScriptedTerminal("yes"), "privacy", "erase", "bob@example.org")).out()).contains("Erased bob@example.org");
        assertThat(ok(fixture.run("privacy", "export", "bob@example.org")).out()).contains("\"record\" : null");
    }

    /** Issue 15: removing a suppressed person keeps the suppression by a hash alone, says so, and shows no address afterwards. */
    @Test
    void removingASuppressedPersonKeepsTheSuppressionByAHashAloneAndSaysSo() throws Exception {
        IssueFixture fixture = IssueFixture.in(dir);
        ok(fixture.run("lists", "create", "news", "--name", "News"));
        ok(fixture.run("subscribers", "add", "bob@example.org", "--list", "news"));
        try (Store store = Store.open(DatabaseLocation.sqlite(dir.resolve(".newsletter/newsletter.db")), Clock.systemUTC())) {
            store.suppressions().suppress(EmailAddress.parse("bob@example.org"), SuppressionReason.HARD_BOUNCE,
                    "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown", true);
        }
        assertThat(ok(fixture.run("subscribers", "remove", "bob@example.org", "--yes")).out()).isEqualTo("Removed bob@example.org;"
                + " kept, by a hash of the address, that the address is suppressed (hard-bounce): it is never mailed or subscribed again\n");
        assertThat(ok(fixture.run("subscribers", "show", "bob@example.org")).out())
                .contains("bob@example.org (not on file; only a hash of the address is kept)").contains("Suppressed:  yes: hard-bounce");
        assertThat(ok(fixture.run("bounces")).out()).contains("hard-bounce  (address not kept)").contains("<(address not kept)>: Recipient address rejected")
                .doesNotContain("bob@");
        IssueFixture.Run add = fixture.run("subscribers", "add", "bob@example.org", "--list", "news");
        assertThat(add.exitCode()).isEqualTo(1);
        assertThat(add.err()).contains("is suppressed (hard-bounce");
    }

    @Test
    void mistakesGetOneClearLine() {
        IssueFixture fixture = IssueFixture.in(dir);
        ok(fixture.run("lists", "create", "news", "--name", "News"));
        IssueFixture.Run badAddress = fixture.run("subscribers", "add", "ann@@example.org", "--list", "news");
        assertThat(badAddress.exitCode()).isEqualTo(2);
        assertThat(badAddress.err()).contains("'ann@@example.org' is not a valid e-mail address: more than one @");
        IssueFixture.Run noList = fixture.run("subscribers", "add", "ann@example.org", "--list", "newz");
        assertThat(noList.exitCode()).isEqualTo(1);
        assertThat(noList.errLines()).containsExactly("newsletter: error: no list 'newz'; lists: news");
        IssueFixture.Run badSegment = fixture.run("subscribers", "list", "--segment", "tag:a tag:b");
        assertThat(badSegment.exitCode()).isEqualTo(1);
        assertThat(badSegment.err()).contains("column 7").contains("'tag:a tag:b'");
        IssueFixture.Run badTag = fixture.run("subscribers", "add", "x@example.org", "--list", "news", "--tag", "two words");
        assertThat(badTag.exitCode()).isEqualTo(1);
        assertThat(badTag.err()).contains("tag 'two words' must be one word");
        IssueFixture.Run badDatabase = fixture.env("NEWSLETTER_DATABASE_URL", "jdbc:mysql://x/y").run("lists");
        assertThat(badDatabase.exitCode()).isEqualTo(1);
        assertThat(badDatabase.errLines()).singleElement().asString().contains("unsupported database URL");
        IssueFixture.Run badTimeout = fixture.env("NEWSLETTER_DATABASE_URL", "jdbc:sqlite:x.db?busy_timeout=soon").run("lists");
        assertThat(badTimeout.exitCode()).isEqualTo(1);
        assertThat(badTimeout.errLines()).containsExactly(
                "newsletter: error: busy_timeout in the database URL must be a number of milliseconds, not 'soon'");
    }

    @Test
    void aCommandThatMeetsAnotherProcesssWriteLockSaysSoInOneLineAndChangesNothing() throws Exception {
        DatabaseLocation database = DatabaseLocation.sqlite(dir.resolve(".newsletter/newsletter.db"));
        // A 200 ms busy timeout instead of 10 s, so the command gives up at once.
        IssueFixture fixture = IssueFixture.in(dir).env(DatabaseLocation.URL_VARIABLE, StoreBackend.withBusyTimeout(database, 200));
        ok(fixture.run("lists", "create", "news", "--name", "News"));
        // What a large import in another process does for its whole run: hold SQLite's one write lock.
        try (Connection importer = DriverManager.getConnection(database.jdbcUrl());
                Statement statement = importer.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            IssueFixture.Run blocked = fixture.run("subscribers", "add", "ann@example.org", "--list", "news");
            assertThat(blocked.exitCode()).isEqualTo(1);
            assertThat(blocked.errLines()).containsExactly("newsletter: error: " + DatabaseBusyException.MESSAGE);
            statement.execute("ROLLBACK");
        }
        assertThat(ok(fixture.run("subscribers", "list", "--list", "news", "--format", "csv")).out()).doesNotContain("ann@example.org");
        assertThat(ok(fixture.run("subscribers", "add", "ann@example.org", "--list", "news")).out()).contains("Added ann@example.org");
    }

    @Test
    void importExportAndPrivacyFromTheCommandLine() {
        IssueFixture fixture = IssueFixture.in(dir);
        ok(fixture.run("lists", "create", "news", "--name", "News"));
        fixture.write("mailchimp.csv", "\uFEFF\"Email Address\",\"First Name\",\"Last Name\",\"MEMBER_RATING\",\"TAGS\"\r\n"
                + "ann@example.org,Ann,Lee,2,\"\"\"cuppa\"\",\"\"drop-in\"\"\"\r\n"
                + "broken,Bob,Ray,1,\r\n"
                + "cat@example.org,Cat,\"Smith, Jr\",5,\r\n");
        IssueFixture.Run dry = ok(fixture.run("subscribers", "import", "mailchimp.csv", "--list", "news", "--dry-run"));
        assertThat(dry.out()).contains("Dry run, nothing changed").contains("(mailchimp format)").contains("added 2");
        assertThat(ok(fixture.run("lists")).out()).containsPattern("news\\s+News\\s+0\\s");
        IssueFixture.Run imported = ok(fixture.run("subscribers", "import", "mailchimp.csv", "--list", "news"));
        assertThat(imported.out()).contains("added 2, updated 0, unchanged 0, skipped 1 (invalid address: 1)");
        assertThat(imported.err()).contains("mailchimp.csv:3: skipped: invalid address 'broken'");
        assertThat(ok(fixture.run("subscribers", "import", "mailchimp.csv", "--list", "news")).out())
                .contains("added 0, updated 0, unchanged 2");

        IssueFixture.Run exported = ok(fixture.run("subscribers", "export", "--list", "news"));
        assertThat(exported.out()).startsWith("email,name,status,tags,attributes,consent_source,consent_at,created_at,updated_at\r\n")
                .contains("ann@example.org,Ann Lee,subscribed,cuppa;drop-in,").contains("\"Cat Smith, Jr\"");
        assertThat(exported.err()).contains("Exported 2 subscriber(s)");

        IssueFixture.Run export = ok(fixture.run("privacy", "export", "ann@example.org"));
        assertThat(export.out()).contains("\"email\" : \"ann@example.org\"").contains("\"name\" : \"Ann Lee\"").contains("cuppa");
        assertThat(ok(fixture.run("privacy", "erase", "ann@example.org", "--yes")).out()).contains("Erased ann@example.org");
        assertThat(ok(fixture.run("privacy", "export", "ann@example.org")).out()).contains("\"record\" : null").contains("\"reason\" : \"ERASED\"");
        assertThat(ok(fixture.run("subscribers", "import", "mailchimp.csv", "--list", "news")).out()).contains("suppressed: 1");
    }

    /** Issue 16: a name no message could carry (a sender once ran out of memory on one) is skipped, not stored. */
    @Test
    void anImportSkipsRowsWithAHugeNameOrAttributeAndSaysWhy() {
        IssueFixture fixture = IssueFixture.in(dir);
        ok(fixture.run("lists", "create", "news", "--name", "News"));
        fixture.write("people.csv", "email,name,city\n"
                + "ann@example.org," + "A".repeat(200) + ",Leeds\n"
                + "bob@example.org," + "B".repeat(1_000_000) + ",York\n"
                + "cat@example.org,Cat," + "C".repeat(1_001) + "\n"
                + "dan@example.org,Dan," + "D".repeat(1_000) + "\n");
        IssueFixture.Run imported = ok(fixture.run("subscribers", "import", "people.csv", "--list", "news"));
        assertThat(imported.out()).contains("added 2, updated 0, unchanged 0, skipped 2 (attribute too long: 1, name too long: 1)");
        assertThat(imported.errLines()).containsExactly(
                "people.csv:3: skipped: the name is 1000000 characters long; at most 200 are imported",
                "people.csv:4: skipped: attribute 'city' is 1001 characters long; at most 1000 are imported");
        assertThat(fixture.run("subscribers", "show", "bob@example.org").exitCode()).isEqualTo(1);
        assertThat(ok(fixture.run("subscribers", "show", "ann@example.org")).out()).contains("A".repeat(200));
    }

    /** Issue 15: an import keeps Mailchimp's bookkeeping out, does not mix two rows of one address, and warns about formulas. */
    @Test
    void aMailchimpImportKeepsItsBookkeepingOutMixesNoOneAndWarnsAboutFormulas() {
        IssueFixture fixture = IssueFixture.in(dir);
        ok(fixture.run("lists", "create", "news", "--name", "News"));
        fixture.write("audience.csv", "Email Address,First Name,Last Name,Phone Number,MEMBER_RATING,LEID,NOTES,TAGS\n"
                + "grace@example.org,Grace,Hopper,+44 (0)20 7946 0000,4,111,Met at a meetup,\n"
                + "eve@example.org,\"=HYPERLINK(\"\"http://x\"\")\",,,2,222,,\n"
                + "GRACE@Example.org,Grace,H.,+1 555 0100,5,333,,\"\"\"volunteer\"\"\"\n");
        IssueFixture.Run imported = ok(fixture.run("subscribers", "import", "audience.csv", "--list", "news"));
        assertThat(imported.out()).contains("added 2, updated 0, unchanged 0, skipped 1 (duplicate (merged): 1); 1 cell looks like a spreadsheet formula");
        assertThat(imported.errLines()).containsExactly(
                "audience.csv: the Mailchimp audience export's bookkeeping columns are not imported as attributes: MEMBER_RATING, LEID, NOTES;"
                        + " --keep-columns MEMBER_RATING,LEID keeps those you name",
                "audience.csv:3: warning: the First Name cell =HYPERLINK(\"http://x\") looks like a spreadsheet formula; it is imported as text:"
                        + " check where the file came from",
                "audience.csv:4: skipped: GRACE@Example.org: same address as line 2; line 2's details stand, this row only fills in what it left empty");
        String grace = ok(fixture.run("subscribers", "show", "GRACE@example.org")).out();
        assertThat(grace).contains("grace@example.org").contains("Name:        Grace Hopper").contains("Phone Number=+44 (0)20 7946 0000")
                .contains("volunteer").doesNotContain("H.").doesNotContain("+1 555").doesNotContain("MEMBER_RATING").doesNotContain("LEID");
        assertThat(ok(fixture.run("subscribers", "list", "--segment", "attr.\"Phone Number\"=\"+44 (0)20 7946 0000\"")).out())
                .contains("grace@example.org").doesNotContain("eve@example.org");

        IssueFixture.Run kept = ok(fixture.run("subscribers", "import", "audience.csv", "--list", "news", "--update", "--keep-columns", "leid,NOTES"));
        assertThat(kept.err()).contains("not imported as attributes: MEMBER_RATING;");
        assertThat(ok(fixture.run("subscribers", "show", "grace@example.org")).out()).contains("LEID=111").contains("NOTES=Met at a meetup")
                .doesNotContain("MEMBER_RATING");

        IssueFixture.Run typo = fixture.run("subscribers", "import", "audience.csv", "--list", "news", "--keep-columns", "LEDI");
        assertThat(typo.exitCode()).isEqualTo(1);
        assertThat(typo.errLines()).singleElement().asString().isEqualTo("newsletter: error: --keep-columns: audience.csv has no column 'LEDI';"
                + " its columns are Email Address, First Name, Last Name, Phone Number, MEMBER_RATING, LEID, NOTES, TAGS");
    }

    @Test
    void aListmonkExportComesInWithItsAttributesAndBlocklist() {
        IssueFixture fixture = IssueFixture.in(dir);
        ok(fixture.run("lists", "create", "news", "--name", "News"));
        fixture.write("listmonk.csv", "uuid,email,name,attributes,status,created_at,updated_at\n"
                + "5e1c1a4e-0000-4000-8000-000000000001,zoe@example.org,Zoë,\"{\"\"city\"\": \"\"Leeds\"\", \"\"address\"\": {\"\"postcode\"\": \"\"LS1\"\"}}\",enabled,"
                + "2024-01-05 10:11:12.123456 +0000 UTC,2024-01-05 10:11:12.123456 +0000 UTC\n"
                + "5e1c1a4e-0000-4000-8000-000000000002,spam@example.org,Spammer,{},blocklisted,"
                + "2024-01-06 10:11:12 +0000 UTC,2024-01-06 10:11:12 +0000 UTC\n");
        assertThat(ok(fixture.run("subscribers", "import", "listmonk.csv", "--list", "news")).out())
                .contains("(listmonk format)").contains("added 2");
        String zoe = ok(fixture.run("subscribers", "show", "zoe@example.org")).out();
        assertThat(zoe).contains("Name:        Zoë").contains("address.postcode=LS1").contains("city=Leeds")
                .contains("2024-01-05 10:11 UTC");
        assertThat(ok(fixture.run("subscribers", "list", "--list", "news", "--status", "unsubscribed")).out())
                .contains("spam@example.org").doesNotContain("zoe@example.org");
    }

    @Test
    void aBrokenFileImportsNothingAndSaysWhere() {
        IssueFixture fixture = IssueFixture.in(dir);
        ok(fixture.run("lists", "create", "news", "--name", "News"));
        fixture.write("broken.csv", "email,name\na@example.org,\"Ann\nb@example.org,Bob\n");
        IssueFixture.Run run = fixture.run("subscribers", "import", "broken.csv", "--list", "news");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("newsletter: error: broken.csv: line 4").contains("Missing closing quote").endsWith("nothing was imported");
        fixture.write("nomail.csv", "name,city\nAnn,Leeds\n");
        IssueFixture.Run noEmail = fixture.run("subscribers", "import", "nomail.csv", "--list", "news");
        assertThat(noEmail.exitCode()).isEqualTo(1);
        assertThat(noEmail.err()).contains("no email column").contains("\"name\", \"city\"");
        assertThat(ok(fixture.run("subscribers", "list")).err()).contains("0 subscriber(s)");
        assertThat(fixture.run("subscribers").exitCode()).isEqualTo(2);
    }

    @Test
    void aFileThatIsNotADatabaseIsReportedAndLeftAlone() throws Exception {
        IssueFixture fixture = IssueFixture.in(dir);
        java.nio.file.Path notADatabase = fixture.write("thesis.db", "my thesis, not a database");
        IssueFixture.Run run = fixture.env("NEWSLETTER_DATABASE_URL", "jdbc:sqlite:" + notADatabase).run("lists");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().contains(notADatabase.toString()).contains("is not an SQLite database");
        assertThat(java.nio.file.Files.readString(notADatabase)).isEqualTo("my thesis, not a database");
    }

    @Test
    @RequiresPostgres
    void theEnvironmentChoosesPostgreSql(TestPostgres server) {
        DatabaseLocation schema = server.newSchema();
        try {
            IssueFixture fixture = IssueFixture.in(dir).env("NEWSLETTER_DATABASE_URL", schema.jdbcUrl());
            ok(fixture.run("lists", "create", "news", "--name", "News"));
            ok(fixture.run("subscribers", "add", "pg@example.org", "--list", "news"));
            assertThat(ok(fixture.run("subscribers", "list")).out()).contains("pg@example.org");
            assertThat(dir.resolve(".newsletter/newsletter.db")).doesNotExist();
        } finally {
            server.dropSchema(schema);
        }
    }
}
