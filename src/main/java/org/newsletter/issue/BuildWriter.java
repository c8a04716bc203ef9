package org.newsletter.issue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.newsletter.model.InvalidInputException;
import org.newsletter.model.SourcePosition;

/**
 * Writes a build into a fresh folder beside the target and swaps it in at the end, so a failed build
 * never leaves half-written files, and a folder that is not one of our builds is never overwritten.
 */
final class BuildWriter implements AutoCloseable {

    /** Marks a folder as ours, so rebuilding may replace it. */
    static final String MARKER = ".newsletter-build";

    private final Path target;
    private final Path staging;
    private boolean committed;

    BuildWriter(Path target) {
        this.target = target.toAbsolutePath().normalize();
        refuseForeignFolder(this.target);
        try {
            Files.createDirectories(this.target.getParent());
            this.staging = Files.createTempDirectory(this.target.getParent(), "." + this.target.getFileName() + ".tmp-");
        } catch (IOException e) {
            throw InvalidInputException.at(SourcePosition.of(this.target), "cannot create output folder: " + e.getMessage());
        }
    }

    private static void refuseForeignFolder(Path target) {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw InvalidInputException.at(SourcePosition.of(target), "--out must be a folder, but this is a file");
        }
        try (Stream<Path> entries = Files.list(target)) {
            if (entries.findAny().isPresent() && !Files.exists(target.resolve(MARKER))) {
                throw InvalidInputException.at(SourcePosition.of(target),
                        "folder is not empty and was not made by 'newsletter build'; choose an empty or new folder");
            }
        } catch (IOException e) {
            throw InvalidInputException.at(SourcePosition.of(target), "cannot read output folder: " + e.getMessage());
        }
    }

    void write(String relative, String text) {
        write(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    void write(String relative, byte[] bytes) {
        Path file = resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    void copy(Path source, String relative) {
        Path file = resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.copy(source, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + file, e);
        }
    }

    /** Replaces the target with the staged build. */
    void commit() {
        write(MARKER, "Built by 'newsletter build'. Rebuilding replaces this folder.\n");
        try {
            Path old = null;
            if (Files.exists(target)) {
                old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
                Files.delete(old);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                throw new UncheckedIOException("output folder appeared while building: " + target, e);
            }
            committed = true;
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move build into " + target, e);
        }
    }

    private Path resolve(String relative) {
        Path file = staging.resolve(relative).normalize();
        if (!file.startsWith(staging)) {
            throw new IllegalArgumentException("refusing to write outside the output folder: " + relative);
        }
        return file;
    }

    @Override
    public void close() {
        if (!committed) {
            deleteTree(staging);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + root, e);
        }
    }
}
