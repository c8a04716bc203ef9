package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/** {@code newsletter backup FILE}: a copy taken while others write, private, and restorable by copying it back. */
class BackupCommandTest {

    @TempDir
    Path dir;

    @Test
    void aBackupTakenWhileSubscribersArriveRestoresEverythingThatWasThere() throws Exception {
        Path live = Files.createDirectories(dir.resolve("live"));
        IssueFixture fixture = IssueFixture.in(live);
        ok(fixture.run("lists", "create", "news", "--name", "News"));
        ok(fixture.run("subscribers", "add", "ann@example.org", "--name", "Ann", "--list", "news"));
        ok(fixture.run("subscribers", "unsubscribe", "ann@example.org", "--list", "news"));
        String secret = tokenSecret(live.resolve(".newsletter/newsletter.db"));

        // Another process keeps adding people while the backup runs, as serve's form would.
        AtomicBoolean stop = new AtomicBoolean();
        List<IssueFixture.Run> added = new ArrayList<>();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; !stop.get() && i < 200; i++) {
                added.add(fixture.run("subscribers", "add", "reader" + i + "@example.org", "--list", "news"));
            }
        });
        IssueFixture.Run backup;
        try {
            backup = fixture.run("backup", "../copy.db");
        } finally {
            stop.set(true);
            writer.get();
        }
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(backup.out()).startsWith("Backed up the database to ../copy.db (")
                .contains("To restore it: stop serve, then copy it to .newsletter/newsletter.db");
        assertThat(added).allSatisfy(run -> assertThat(run.exitCode()).as(run.err()).isZero());
        Path copy = dir.resolve("copy.db");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
        assertThat(dir.resolve(".copy.db.partial")).doesNotExist();

        // Restore into another folder: the same people, the same choices, the same token secret (so every
        // unsubscribe link already mailed keeps working).
        Path restored = Files.createDirectories(dir.resolve("restored/.newsletter"));
        Files.copy(copy, restored.resolve("newsletter.db"));
        IssueFixture restoredFixture = IssueFixture.in(restored.getParent());
        String ann = ok(restoredFixture.run("subscribers", "show", "ann@example.org")).out();
        assertThat(ann).contains("Name:        Ann").containsPattern("news\\s+unsubscribed");
        assertThat(tokenSecret(restored.resolve("newsletter.db"))).isEqualTo(secret);
        assertThat(ok(restoredFixture.run("lists")).out()).containsPattern("news\\s+News");
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        IssueFixture fixture = IssueFixture.in(dir);
        ok(fixture.run("lists", "create", "news", "--name", "News"));
        Files.writeString(dir.resolve("last-week.db"), "last week's backup");

        IssueFixture.Run again = fixture.run("backup", "last-week.db");

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.errLines()).containsExactly("newsletter: error: last-week.db already exists; name a new file (nothing was written)");
        assertThat(Files.readString(dir.resolve("last-week.db"))).isEqualTo("last week's backup");
    }

    @Test
    void aFolderThatIsNotThereIsOneLine() {
        IssueFixture fixture = IssueFixture.in(dir);
        ok(fixture.run("lists", "create", "news", "--name", "News"));

        IssueFixture.Run run = fixture.run("backup", "no-such-folder/copy.db");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("newsletter: error: no folder to write no-such-folder/copy.db into");
    }

    private static String tokenSecret(Path database) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT group_concat(name || '=' || value) FROM setting")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static IssueFixture.Run ok(IssueFixture.Run run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }
}
