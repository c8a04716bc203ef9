package org.newsletter.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A short digest of what an issue renders from: the name, size and modification time of every file in
 * its folder and in the workspace's templates folder, plus the bytes of the small ones (Markdown, YAML,
 * templates). Any edit changes it, even one made within the file system's timestamp resolution; large
 * files (images) count by size and time only, so checking stays cheap enough to do on every request.
 */
final class FolderFingerprint {

    /** Files up to this size are hashed whole: every text file an issue is made of, but not its photos. */
    private static final long HASHED_BYTES = 64 * 1024;

    private FolderFingerprint() {
    }

    /** The digest of {@code roots} in order; a root that does not exist counts as "absent". */
    static String of(List<Path> roots) throws IOException {
        MessageDigest sha = sha256();
        for (Path root : roots) {
            add(sha, root.toString());
            if (!Files.isDirectory(root)) {
                add(sha, "absent");
                continue;
            }
            for (Path file : filesUnder(root)) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                add(sha, root.relativize(file).toString());
                add(sha, attributes.size() + "/" + attributes.lastModifiedTime().toInstant());
                if (attributes.size() <= HASHED_BYTES) {
                    sha.update(Files.readAllBytes(file));
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause(); // a file vanished while walking: the caller treats it like any unreadable folder
        }
    }

    private static void add(MessageDigest sha, String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
