package org.newsletter.web;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.newsletter.model.InvalidInputException;
import org.newsletter.render.RenderedIssue;

/**
 * Rendered issues, kept for as long as the files they were made from stay the same. Composing and
 * rendering an issue takes far longer than serving it, so each is rendered once per version of its
 * folder (and of the templates), checked by a {@link FolderFingerprint} on every request: an edited
 * issue is rendered again on its next request, an unchanged one never.
 *
 * <p>A rendered issue is an immutable value stored only once it is complete, so no request can see a
 * half-rendered page. Renders run one at a time: they are rare (only after a change), and the
 * compose and render stages were written for one thread.
 */
final class IssueCache {

    /** What an issue folder came to. */
    sealed interface Outcome permits Ready, Broken {
    }

    record Ready(RenderedIssue issue) implements Outcome {
    }

    /** The folder cannot be rendered as it is; {@code reason} is for the log, not for readers. */
    record Broken(String reason) implements Outcome {
    }

    private record Entry(String fingerprint, Outcome outcome) {
    }

    private final Function<Path, RenderedIssue> renderer;
    private final Path templates;
    private final RequestLog log;
    private final Map<Path, Entry> entries = new ConcurrentHashMap<>();
    private final Object rendering = new Object();

    /**
     * @param renderer  composes and renders one issue folder, throwing when it cannot
     * @param templates the workspace's templates folder (it need not exist), part of every fingerprint
     * @param log       where a broken issue is reported, one line per version of its files
     */
    IssueCache(Function<Path, RenderedIssue> renderer, Path templates, RequestLog log) {
        this.renderer = renderer;
        this.templates = templates;
        this.log = log;
    }

    Outcome get(Path folder) {
        String fingerprint;
        try {
            fingerprint = FolderFingerprint.of(List.of(folder, templates));
        } catch (IOException e) {
            return broken(folder, "cannot read its files: " + e);
        }
        Entry entry = entries.get(folder);
        if (entry != null && entry.fingerprint().equals(fingerprint)) {
            return entry.outcome();
        }
        synchronized (rendering) {
            entry = entries.get(folder);
            if (entry == null || !entry.fingerprint().equals(fingerprint)) {
                // Fingerprinted before rendering: an edit made meanwhile changes the next fingerprint, so it is picked up.
                entry = new Entry(fingerprint, render(folder));
                entries.put(folder, entry);
            }
            return entry.outcome();
        }
    }

    private Outcome render(Path folder) {
        try {
            return new Ready(renderer.apply(folder));
        } catch (InvalidInputException e) {
            int more = e.diagnostics().size() - 1;
            return broken(folder, e.getMessage() + (more > 0 ? " (and " + more + " more)" : ""));
        } catch (RuntimeException e) {
            // One broken issue must not take the archive down with it; the reason goes to the log.
            return broken(folder, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Outcome broken(Path folder, String reason) {
        String line = reason.lines().findFirst().orElse("");
        log.log("archive: cannot show issue " + folder.getFileName() + ": " + line);
        return new Broken(line);
    }
}
