package org.newsletter.web.preview;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The snapshot for the current change count, rendered on first demand after each change and then
 * shared by every request until the next one.
 */
final class IssueSnapshots {

    private final Path root;
    private final Path folder;
    private final Clock clock;
    private final ChangeCount changes;
    private IssueSnapshot latest;

    IssueSnapshots(Path root, Path folder, Clock clock, ChangeCount changes) {
        this.root = root;
        this.folder = folder;
        this.clock = clock;
        this.changes = changes;
    }

    /** Requests that arrive while it renders wait for that one rendering rather than starting their own. */
    synchronized IssueSnapshot current() {
        long version = changes.current();
        if (latest == null || latest.version() != version) {
            latest = IssueSnapshot.take(version, root, folder, clock);
        }
        return latest;
    }

    Path root() {
        return root;
    }

    Path folder() {
        return folder;
    }
}
