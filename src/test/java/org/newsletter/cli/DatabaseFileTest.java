package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/**
 * Issue 16: only a missing database file is created. An empty or foreign file in its place is an
 * error naming it: starting afresh would make a new token secret and break every link already mailed.
 */
class DatabaseFileTest {

    @TempDir
    Path dir;

    @Test
    void anEmptyDatabaseFileIsAnErrorNamingItAndIsLeftAsItWas() throws Exception {
        IssueFixture fixture = IssueFixture.in(dir);
        Path db = Files.createDirectories(dir.resolve(".newsletter")).resolve("newsletter.db");
        Files.write(db, new byte[0]);

        IssueFixture.Run lists = fixture.run("lists");

        assertThat(lists.exitCode()).isEqualTo(1);
        assertThat(lists.out()).isEmpty();
        assertThat(lists.errLines()).containsExactly("newsletter: error: the database file " + db.toAbsolutePath()
                + " is empty, so it holds no subscribers and no token secret; restore it from a backup, or delete it to start a new database");
        assertThat(Files.size(db)).isZero();
        assertThat(fixture.run("serve", "--port", "0").exitCode()).as("serve must not make a new token secret either").isEqualTo(1);
        assertThat(Files.size(db)).isZero();
    }

    @Test
    void aFileThatIsNotAnSqliteDatabaseIsAnErrorNamingIt() throws Exception {
        IssueFixture fixture = IssueFixture.in(dir);
        Path db = Files.createDirectories(dir.resolve(".newsletter")).resolve("newsletter.db");
        Files.writeString(db, "email,name\nann@example.org,Ann\n");

        IssueFixture.Run lists = fixture.run("subscribers", "list");

        assertThat(lists.exitCode()).isEqualTo(1);
        assertThat(lists.errLines()).containsExactly("newsletter: error: the database file " + db.toAbsolutePath()
                + " is not an SQLite database; check the database setting, restore the file from a backup, or move it away to start a new database");
        assertThat(Files.readString(db)).isEqualTo("email,name\nann@example.org,Ann\n");
    }

    @Test
    void aMissingDatabaseFileIsCreated() {
        IssueFixture fixture = IssueFixture.in(dir);
        assertThat(fixture.run("lists").out()).contains("No lists yet");
        assertThat(dir.resolve(".newsletter/newsletter.db")).isNotEmptyFile();
    }
}
