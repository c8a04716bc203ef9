package org.newsletter.issue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsletter.config.StarterConfig;
import org.newsletter.config.Workspace;
import org.newsletter.config.WorkspaceLocator;
import org.newsletter.model.InvalidInputException;
import org.newsletter.model.SourcePosition;

/**
 * {@code newsletter init}: a new workspace for an organisation's own newsletter. It holds a commented
 * newsletter.yaml, {@code newsletters/} with a first issue made by {@code new}'s own code,
 * {@code templates/} with a README on overriding the embedded templates, and a .gitignore keeping
 * the local state ({@code .newsletter/}) out of git. It never overwrites anything: every file it would
 * write is looked for before the first one is written.
 */
public final class WorkspaceScaffold {

    /** The first issue is named after the month it is made in, like the issues after it. */
    static final String FIRST_ISSUE = "%s-first-issue";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM");

    /** What was made: the workspace's folder and its first issue's. */
    public record Created(Path root, Path firstIssue, LocalDate firstIssueDate) {
    }

    private final StarterConfig config;

    public WorkspaceScaffold(StarterConfig config) {
        this.config = config;
    }

    /** The name of the first issue made on {@code today}: {@code YYYY-MM-first-issue}. */
    public static String firstIssueSlug(LocalDate today) {
        return FIRST_ISSUE.formatted(MONTH.format(today));
    }

    /** Creates the workspace in {@code root} (made if missing) with its first issue; {@code today} in the workspace's zone. */
    public Created create(Path root, LocalDate today) {
        Path dir = root.toAbsolutePath().normalize();
        String slug = firstIssueSlug(today);
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(dir.resolve(Workspace.CONFIG_FILE), config.text(dir.resolve(Workspace.CONFIG_FILE)));
        files.put(dir.resolve(".gitignore"), resource("/starter/gitignore"));
        files.put(dir.resolve("templates/README.md"), resource("/starter/templates-README.md"));
        Path firstIssue = dir.resolve("newsletters").resolve(slug);
        refuseToOverwrite(dir, files.keySet(), firstIssue);

        for (Map.Entry<Path, String> file : files.entrySet()) {
            write(file.getKey(), file.getValue());
        }
        try {
            Files.createDirectories(dir.resolve("newsletters"));
        } catch (IOException e) {
            throw InvalidInputException.at(SourcePosition.of(dir.resolve("newsletters")), "cannot create folder: " + e.getMessage());
        }
        // Loaded the way every command loads it: what init wrote is what they will read.
        Workspace workspace = new WorkspaceLocator().locate(dir);
        LocalDate date = IssueScaffold.dateFor(slug, today);
        Path issue = new IssueScaffold(workspace).create(slug, null, date);
        return new Created(dir, issue, date);
    }

    private static void refuseToOverwrite(Path dir, Iterable<Path> files, Path firstIssue) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw InvalidInputException.at(SourcePosition.of(dir), "is a file; give init a folder (new or existing)");
        }
        List<String> existing = new ArrayList<>();
        for (Path file : files) {
            if (Files.exists(file) || Files.isSymbolicLink(file)) {
                existing.add(dir.relativize(file).toString());
            }
        }
        if (Files.exists(firstIssue)) {
            existing.add(dir.relativize(firstIssue) + "/");
        }
        if (!existing.isEmpty()) {
            throw InvalidInputException.at(SourcePosition.of(dir), String.join(", ", existing)
                    + (existing.size() == 1 ? " already exists" : " already exist")
                    + "; init never overwrites anything, so nothing was written: choose another folder, or move "
                    + (existing.size() == 1 ? "it" : "them") + " away first");
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            // CREATE_NEW: a file that appeared since the check above is not overwritten either.
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw InvalidInputException.at(SourcePosition.of(file), "cannot write: " + e.getMessage());
        }
    }

    private static String resource(String name) {
        try (InputStream in = WorkspaceScaffold.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
