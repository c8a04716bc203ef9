package org.newsletter.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.newsletter.store.internal.Dialect;

/**
 * Files only their owner may read: the database holds the token secret in plain text (with it anyone
 * mints working unsubscribe links) and everyone's address, so the state folder is 0700 and the
 * database and its -wal and -shm files 0600, whatever the umask. On a file system without POSIX
 * permissions (Windows) nothing is changed.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /**
     * An SQLite database's file and its -wal and -shm files made 0600 (SQLite creates the latter two
     * with the database file's permissions, so they follow it). Returns those that were looser; none
     * for PostgreSQL.
     */
    public static List<Path> restrictDatabase(DatabaseLocation location) {
        if (location.dialect() != Dialect.SQLITE || location.jdbcUrl().contains(":memory:")) {
            return List.of();
        }
        Path file = location.sqliteFile();
        SqliteFileCheck.requireDatabaseOrMissing(file); // a file that is not ours is not ours to change either
        List<Path> restricted = new ArrayList<>();
        for (Path each : List.of(file, file.resolveSibling(file.getFileName() + "-wal"), file.resolveSibling(file.getFileName() + "-shm"))) {
            if (restrict(each)) {
                restricted.add(each);
            }
        }
        return restricted;
    }

    /** Creates {@code folder} (and any missing parent) as 0700. */
    public static void createFolder(Path folder) {
        try {
            if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
            } else {
                Files.createDirectories(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Takes away every permission of group and others from {@code path} (a folder keeps its owner's
     * rwx, a file its owner's rw). Returns whether it was looser than that; false when it does not
     * exist, is a symbolic link (whose target is not ours to change), or the file system has no POSIX permissions.
     */
    public static boolean restrict(Path path) {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null || !Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(path)) {
            return false;
        }
        try {
            Set<PosixFilePermission> now = view.readAttributes().permissions();
            Set<PosixFilePermission> wanted = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? FOLDER : FILE;
            if (wanted.containsAll(now)) {
                return false;
            }
            view.setPermissions(wanted);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + path + " private: " + e.getMessage(), e);
        }
    }
}
