package org.newsletter.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * SQLite: an exclusive lock on a small file beside the database, one per sender. The operating system
 * releases it when the process exits, however it exits; another process that can take the lock knows
 * the sender is gone. SQLite is one machine's database, so a local file lock is enough.
 */
final class FileSenderLiveness implements SenderLiveness {

    private final Path folder;
    private FileChannel channel;
    private FileLock lock;
    private Path file;

    FileSenderLiveness(Path databaseFile) {
        this.folder = databaseFile.resolveSibling(databaseFile.getFileName() + ".senders");
    }

    /** {@code newsletter.db.senders/}: the senders' locks, and their outcome logs ({@link OutcomeLog}). */
    Path folder() {
        return folder;
    }

    @Override
    public void hold(long id) {
        try {
            PrivateFiles.createFolder(folder);
            file = folder.resolve(id + ".lock");
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = channel.tryLock();
            if (lock == null) {
                throw new IllegalStateException("sender lock " + file + " is held by another process");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the sender lock " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean alive(long id) {
        Path other = folder.resolve(id + ".lock");
        if (other.equals(file) && lock != null) {
            return true;
        }
        try (FileChannel probe = FileChannel.open(other, StandardOpenOption.WRITE)) {
            FileLock taken = probe.tryLock();
            if (taken == null) {
                return true;
            }
            taken.release();
            Files.deleteIfExists(other);
            return false;
        } catch (NoSuchFileException e) {
            return false; // never started, or already cleaned up after it died
        } catch (OverlappingFileLockException e) {
            return true; // held inside this very JVM (tests run several senders in one process)
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the sender lock " + other + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
                channel.close();
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the sender lock " + file + ": " + e.getMessage(), e);
        } finally {
            lock = null;
            channel = null;
        }
    }
}
