package org.newsletter.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.newsletter.config.Workspace;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.PrivateFiles;

/**
 * Before a command opens the store: the workspace's state folder, its outbox and the SQLite database
 * files made private to their owner (issue 16: with umask 022 they were readable by everyone on the
 * machine, token secret included). Files are created private; this tightens those an older version or
 * a copy left looser, and says so in one line, which the next command then has no reason to repeat.
 */
final class PrivateState {

    private final PrintWriter err;

    PrivateState(PrintWriter err) {
        this.err = err;
    }

    void secure(Workspace workspace, DatabaseLocation location) {
        List<Path> tightened = new ArrayList<>();
        for (Path folder : List.of(workspace.stateDir(), workspace.outboxDir())) {
            if (PrivateFiles.restrict(folder)) {
                tightened.add(folder);
            }
        }
        tightened.addAll(PrivateFiles.restrictDatabase(location));
        if (!tightened.isEmpty()) {
            Path root = workspace.root().toAbsolutePath();
            err.println("newsletter: made " + tightened.stream().map(p -> shown(root, p)).collect(Collectors.joining(", "))
                    + " readable by you only: other users could read them, and they hold the token secret and subscribers' addresses");
            err.flush();
        }
    }

    private static String shown(Path root, Path path) {
        Path absolute = path.toAbsolutePath();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }
}
