package org.newsletter.web.preview;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches what an issue is made of: its folder with everything under it (index.md, events.yaml,
 * images), the workspace's templates/ (also when it is created later) and newsletter.yaml, and counts
 * a change when one of them is saved. Editors save in bursts (a scratch file, a rename, a touch of
 * the folder), so events are gathered until things have been quiet for {@link #QUIET} and count once.
 * On Linux the JDK's WatchService uses inotify, so a save is seen at once.
 */
final class IssueWatcher implements AutoCloseable {

    /** Quiet time that ends a burst of events: long enough for an editor's save, short against the one-second goal. */
    static final Duration QUIET = Duration.ofMillis(150);

    private final WatchService service;
    private final Path issueFolder;
    private final Path templates;
    private final Path config;
    private final ChangeCount changes;
    /** Which folder each key watches; the watcher thread adds folders as they are created. */
    private final Map<WatchKey, Path> folders = new ConcurrentHashMap<>();
    private final Thread thread;

    private IssueWatcher(WatchService service, Path root, Path issueFolder, Path templates, ChangeCount changes) {
        this.service = service;
        this.issueFolder = issueFolder;
        this.templates = templates;
        this.config = root.resolve(org.newsletter.config.Workspace.CONFIG_FILE);
        this.changes = changes;
        this.thread = new Thread(this::run, "preview-watch");
        thread.setDaemon(true);
    }

    /**
     * Starts watching; {@code changes} is incremented after each burst.
     *
     * @param root        the workspace root (for newsletter.yaml, and to see templates/ appear)
     * @param issueFolder the issue, watched with every folder under it
     * @param templates   the workspace's templates folder, which need not exist yet
     */
    static IssueWatcher start(Path root, Path issueFolder, Path templates, ChangeCount changes) throws IOException {
        IssueWatcher watcher = new IssueWatcher(root.getFileSystem().newWatchService(), root, issueFolder, templates, changes);
        try {
            watcher.register(root);
            watcher.registerTree(issueFolder);
            if (Files.isDirectory(templates)) {
                watcher.registerTree(templates);
            }
        } catch (UncheckedIOException e) {
            watcher.service.close();
            throw new IOException(e.getMessage(), e.getCause());
        }
        watcher.thread.start();
        return watcher;
    }

    private void run() {
        try {
            while (true) {
                boolean relevant = handle(service.take());
                for (WatchKey more; (more = service.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)) != null; ) {
                    relevant |= handle(more);
                }
                if (relevant) {
                    changes.increment();
                }
            }
        } catch (ClosedWatchServiceException e) {
            // close() closed the service: this is how the thread is told to stop.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the key's events touch anything the issue is made of; registers folders that appeared. */
    private boolean handle(WatchKey key) {
        Path folder = folders.get(key);
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW || folder == null) {
                relevant = true; // events were lost: assume the worst
                continue;
            }
            Path child = folder.resolve((Path) event.context());
            if (!isSource(child)) {
                continue;
            }
            relevant = true;
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(child)) {
                try {
                    registerTree(child);
                } catch (UncheckedIOException e) {
                    if (Files.exists(child)) {
                        throw e;
                    }
                    // Removed again before we got to it (an editor's temporary folder): nothing to watch.
                }
            }
        }
        if (!key.reset()) {
            folders.remove(key); // the folder is gone
        }
        return relevant;
    }

    /** newsletter.yaml, templates/ and anything in it, anything in the issue folder; not an editor's scratch files. */
    private boolean isSource(Path path) {
        if (path.equals(config) || path.equals(templates)) {
            return true;
        }
        return (path.startsWith(issueFolder) || path.startsWith(templates)) && !isScratch(path.getFileName().toString());
    }

    /**
     * Files editors write beside the real one while working: vim's swap files and its "4913" probe, emacs's
     * lock and autosave files, backups ending in "~", JetBrains's safe-write copies. Reloading for these
     * would redo the page every few seconds while someone types.
     */
    static boolean isScratch(String name) {
        return name.startsWith(".") || name.endsWith("~") || name.endsWith(".swp") || name.endsWith(".swx")
                || name.endsWith(".tmp") || name.endsWith("___") || name.equals("4913")
                || name.startsWith("#") && name.endsWith("#");
    }

    private void registerTree(Path top) {
        try (Stream<Path> paths = Files.walk(top)) {
            for (Path folder : paths.filter(Files::isDirectory).toList()) {
                register(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + top, e);
        }
    }

    private void register(Path folder) {
        try {
            folders.put(folder.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + folder, e);
        }
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
