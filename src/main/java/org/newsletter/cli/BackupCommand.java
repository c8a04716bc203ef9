package org.newsletter.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.newsletter.config.Workspace;
import org.newsletter.store.DatabaseBackup;
import org.newsletter.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Copy the database to FILE, even while serve runs.",
                "The copy is consistent even while serve or a send is writing. It holds the token secret and personal data: it is readable by you only. To restore, stop serve and copy it over the database file."})
final class BackupCommand implements Callable<Integer> {

    private final CommandContext context;

    @Parameters(paramLabel = "FILE", description = "Where to write the copy; it must not exist yet.")
    Path file;

    BackupCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Workspace workspace = context.workspace(null);
        Path target = context.workingDir().resolve(file);
        try (Store store = context.openStore(workspace)) {
            long bytes = new DatabaseBackup(store.database()).copyTo(target, file.toString());
            context.out().printf(Locale.ROOT, "Backed up the database to %s (%.1f MB). To restore it: stop serve, then copy it to %s%n", file,
                    bytes / 1_000_000.0, context.workingDir().relativize(store.database().location().sqliteFile().toAbsolutePath()));
        }
        return ExitCodes.OK;
    }
}
