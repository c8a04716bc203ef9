package org.newsletter.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.newsletter.store.DatabaseLocation;
import org.newsletter.store.Store;
import org.newsletter.store.StorePool;
import org.newsletter.config.Workspace;
import org.newsletter.config.WorkspaceLocator;

/**
 * What every command needs from its surroundings, passed in rather than taken from globals so tests
 * can run the real command line in a temporary folder with a fixed clock.
 */
public record CommandContext(PrintWriter out, PrintWriter err, Path workingDir, Clock clock, Map<String, String> environment, Terminal terminal,
        StopSignals signals) {

    public CommandContext {
        environment = Map.copyOf(environment);
        terminal = terminal == null ? Terminal.NONE : terminal;
        signals = signals == null ? StopSignals.NONE : signals;
    }

    /** A context that leaves the process's signals alone (tests running the command line in-process). */
    public CommandContext(PrintWriter out, PrintWriter err, Path workingDir, Clock clock, Map<String, String> environment, Terminal terminal) {
        this(out, err, workingDir, clock, environment, terminal, StopSignals.NONE);
    }

    /** A context with no terminal to ask (scripts and tests). */
    public CommandContext(PrintWriter out, PrintWriter err, Path workingDir, Clock clock, Map<String, String> environment) {
        this(out, err, workingDir, clock, environment, Terminal.NONE);
    }

    /** The subscriber store of {@code workspace}, as newsletter.yaml and the environment say. */
    public Store openStore(Workspace workspace) {
        return Store.open(privateDatabase(workspace), clock);
    }

    /** Where the database is, after making the state folder and the database files private. */
    private DatabaseLocation privateDatabase(Workspace workspace) {
        DatabaseLocation location = DatabaseLocation.resolve(workspace.databaseUrl(), workspace.stateDir(), environment);
        new PrivateState(err).secure(workspace, location);
        return location;
    }

    /**
     * The store for a campaign, which pauses while another process holds SQLite's write lock (a
     * large import) instead of stopping after the 10 s busy timeout: stopping would be safe, the
     * same send resumes, but nobody would be there to run it again.
     */
    public Store openStoreForSending(Workspace workspace) {
        Store store = openStore(workspace);
        store.waitForOtherWriters(Store.PATIENCE_WITH_OTHER_WRITERS);
        return store;
    }

    /** {@code size} connections to the store of {@code workspace}, for a server's threads. */
    public StorePool openStorePool(Workspace workspace, int size) {
        return Store.openPool(privateDatabase(workspace), clock, size);
    }

    /** Who is at the keyboard, for consent records such as "staff: ann". */
    public String user() {
        String user = environment.get("USER");
        return user == null || user.isBlank() ? System.getProperty("user.name", "unknown") : user;
    }

    /** Prints findings relative to the working directory. */
    void print(org.newsletter.model.Diagnostic diagnostic) {
        new DiagnosticPrinter(err, workingDir).print(diagnostic);
    }

    /** The workspace containing {@code hint} (an issue path the user typed) or else the working directory. */
    public Workspace workspace(String hint) {
        WorkspaceLocator locator = new WorkspaceLocator();
        if (hint != null) {
            Path candidate = workingDir.resolve(hint).normalize();
            if (java.nio.file.Files.isDirectory(candidate) && locator.findRoot(candidate).isPresent()) {
                return locator.locate(candidate);
            }
        }
        return locator.locate(workingDir);
    }
}
