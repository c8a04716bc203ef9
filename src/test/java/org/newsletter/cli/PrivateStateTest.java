package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.Store;
import org.newsletter.testing.IssueFixture;

/**
 * Issue 16: the database holds the token secret in plain text and the outbox holds everyone's address
 * and unsubscribe link, so nobody but their owner may read them, whatever the umask.
 */
class PrivateStateTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "file permissions are POSIX-only; this file system has none to check");
    }

    @Test
    void theDatabaseAndTheOutboxAreCreatedForTheirOwnerOnlyEvenWithAnOpenUmask() throws Exception {
        ChildSend send = ChildSend.withAudience(dir, "s".repeat(40), 3);
        assertThat(mode(".newsletter")).isEqualTo("rwx------");
        assertThat(mode(".newsletter/newsletter.db")).isEqualTo("rw-------");

        // umask 000 would make every file the child creates world-writable unless it says otherwise.
        Process child = send.start("outbox", List.of("sh", "-c", "umask 000; exec \"$0\" \"$@\""));
        assertThat(child.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(send.output()).isZero();

        Path outbox = dir.resolve(".newsletter/outbox");
        assertThat(mode(".newsletter/outbox")).isEqualTo("rwx------");
        List<Path> messages;
        try (Stream<Path> files = Files.walk(outbox)) {
            messages = files.filter(f -> f.toString().endsWith(".eml")).toList();
        }
        assertThat(messages).hasSize(3);
        for (Path message : messages) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(message))).as(message.toString()).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(message.getParent()))).isEqualTo("rwx------");
        }
        assertThat(send.output()).doesNotContain("readable by you only");
    }

    @Test
    void theWriteAheadLogAndSharedMemoryFilesOfAnOpenDatabaseAreOwnerOnly() throws Exception {
        Path db = dir.resolve(".newsletter/newsletter.db");
        try (Store store = Store.open(DatabaseLocation.sqlite(db), Clock.systemUTC())) {
            store.lists().create("news", "News", "", false);
            store.settings().tokenSecret(Map.of());
            for (String file : List.of("newsletter.db", "newsletter.db-wal", "newsletter.db-shm")) {
                assertThat(mode(".newsletter/" + file)).as(file).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void buildingFirstCreatesTheStateFolderPrivateSoTheDatabaseLaterGoesIntoAPrivateFolder() throws Exception {
        IssueFixture fixture = IssueFixture.copyOfRepository(dir);
        assertThat(fixture.run("build", IssueFixture.SEED_ISSUE).exitCode()).isZero();
        assertThat(mode(".newsletter")).isEqualTo("rwx------");
        IssueFixture.Run lists = fixture.run("lists");
        assertThat(lists.err()).isEmpty();
    }

    @Test
    void looserFilesAreTightenedWhenTheStoreIsOpenedAndThatIsSaidOnce() throws Exception {
        IssueFixture fixture = IssueFixture.in(dir);
        assertThat(fixture.run("lists", "create", "news", "--name", "News").exitCode()).isZero();
        Path db = dir.resolve(".newsletter/newsletter.db");
        // What an older version left behind, with umask 022; the -wal file as a copy made while serve ran.
        Files.createDirectories(dir.resolve(".newsletter/outbox"));
        Files.write(dir.resolve(".newsletter/newsletter.db-wal"), new byte[0]);
        for (String file : List.of(".newsletter/newsletter.db", ".newsletter/newsletter.db-wal")) {
            Files.setPosixFilePermissions(dir.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
        }
        for (String folder : List.of(".newsletter", ".newsletter/outbox")) {
            Files.setPosixFilePermissions(dir.resolve(folder), PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        IssueFixture.Run first = fixture.run("lists");
        assertThat(first.exitCode()).isZero();
        assertThat(first.errLines()).containsExactly("newsletter: made .newsletter, .newsletter/outbox, .newsletter/newsletter.db,"
                + " .newsletter/newsletter.db-wal readable by you only: other users could read them, and they hold the token secret"
                + " and subscribers' addresses");
        assertThat(mode(".newsletter")).isEqualTo("rwx------");
        assertThat(mode(".newsletter/outbox")).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rw-------");

        IssueFixture.Run second = fixture.run("lists");
        assertThat(second.err()).isEmpty();
        assertThat(second.out()).contains("news");
    }

    private String mode(String relative) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(relative)));
    }
}
