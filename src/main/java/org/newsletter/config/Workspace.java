package org.newsletter.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.newsletter.model.Brand;
import org.newsletter.model.InvalidInputException;
import org.newsletter.model.Site;
import org.newsletter.model.SourcePosition;

/**
 * A user's newsletter repository: the folder holding {@code newsletter.yaml}, its settings, and the
 * conventional places for issues, templates and local state. {@code bounces} is null when
 * newsletter.yaml has no bounce mailbox; {@code tracking} is {@link org.newsletter.model.Tracking#OFF} unless it says otherwise.
 */
public record Workspace(Path root, Site site, String databaseUrl, SendingSettings sending, BounceSettings bounces, Brand brand,
        org.newsletter.model.Tracking tracking) {

    public static final String CONFIG_FILE = "newsletter.yaml";

    public Workspace {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(site, "site");
        sending = sending == null ? SendingSettings.DEFAULTS : sending;
        brand = brand == null ? Brand.NONE : brand;
        tracking = tracking == null ? org.newsletter.model.Tracking.OFF : tracking;
    }

    /** Where the outbox transport writes a campaign's messages. */
    public Path outboxDir() {
        return stateDir().resolve("outbox");
    }

    public Path configFile() {
        return root.resolve(CONFIG_FILE);
    }

    public Path newslettersDir() {
        return root.resolve("newsletters");
    }

    /** Templates here override the embedded defaults file by file. */
    public Path templatesDir() {
        return root.resolve("templates");
    }

    /** Local state (database, outbox); never committed. */
    public Path stateDir() {
        return root.resolve(".newsletter");
    }

    /**
     * Resolves what the user typed for an issue: a folder path (relative to the current directory) or
     * a slug under {@code newsletters/}.
     */
    public Path issueFolder(Path currentDir, String issue) {
        Path asPath = currentDir.resolve(issue).normalize();
        if (Files.isDirectory(asPath)) {
            return asPath;
        }
        Path asSlug = newslettersDir().resolve(issue).normalize();
        if (asSlug.startsWith(newslettersDir()) && Files.isDirectory(asSlug)) {
            return asSlug;
        }
        throw InvalidInputException.at(SourcePosition.of(asPath),
                "no such issue folder (looked for '" + issue + "' here and under " + root.relativize(newslettersDir())
                        + "/); create one with 'newsletter new SLUG'");
    }
}
