package org.newsletter.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.newsletter.model.InvalidInputException;
import org.newsletter.model.SourcePosition;

/** Finds the workspace the way git finds a repository: the nearest folder upwards with a newsletter.yaml. */
public final class WorkspaceLocator {

    private final SiteConfigReader reader = new SiteConfigReader();

    public Optional<Path> findRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(Workspace.CONFIG_FILE))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** Finds and loads the workspace containing {@code start}. */
    public Workspace locate(Path start) {
        Path root = findRoot(start).orElseThrow(() -> InvalidInputException.at(
                SourcePosition.of(start.toAbsolutePath().normalize()),
                "not inside a newsletter workspace: no " + Workspace.CONFIG_FILE
                        + " here or in any parent folder; start one with 'newsletter init --organisation NAME"
                        + " --sender \"NAME <ADDRESS>\" --base-url URL' (see README, \"Start your own newsletter\")"));
        WorkspaceSettings settings = reader.read(root.resolve(Workspace.CONFIG_FILE));
        return new Workspace(root, settings.site(), settings.databaseUrl(), settings.sending(), settings.bounces(), settings.brand(),
                settings.tracking());
    }
}
