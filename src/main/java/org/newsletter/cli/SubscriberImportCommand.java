package org.newsletter.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.newsletter.model.MailingList;
import org.newsletter.model.UserInputException;
import org.newsletter.store.Store;
import org.newsletter.model.TerminalText;
import org.newsletter.store.csv.CsvFormatException;
import org.newsletter.store.csv.CsvImportReader;
import org.newsletter.store.imports.ImportReport;
import org.newsletter.store.imports.SubscriberImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import subscribers from a CSV file.",
                "Reads our own export, a Mailchimp audience export, a listmonk export, or any CSV with an email column"
                + " (other columns become attributes; Mailchimp's bookkeeping columns such as LEID and MEMBER_RATING only with --keep-columns)."
                + " Invalid rows are reported with their line and skipped; the same address twice is one person, whose first row wins;"
                + " suppressed and unsubscribed addresses are never resubscribed; importing the same file again changes nothing."})
final class SubscriberImportCommand implements Callable<Integer> {

    /** Files smaller than this import too fast for a progress bar to help. */
    private static final long PROGRESS_THRESHOLD = 1 << 20;

    private final CommandContext context;

    @Parameters(paramLabel = "FILE", description = "The CSV file (UTF-8, with or without a byte order mark).")
    Path file;

    @Option(names = "--list", required = true, paramLabel = "LIST", description = "The list to subscribe them to.")
    String list;

    @Option(names = "--dry-run", description = "Report what would happen; change nothing.")
    boolean dryRun;

    @Option(names = "--update", description = "Also update names, tags and attributes of people already on file.")
    boolean update;

    @Option(names = "--keep-columns", split = ",", paramLabel = "COLUMN",
            description = "Import these of Mailchimp's bookkeeping columns as attributes too (e.g. LEID,NOTES); they are left out otherwise.")
    List<String> keepColumns = new ArrayList<>();

    SubscriberImportCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Path path = context.workingDir().resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new UserInputException("no such file: " + path);
        }
        long size = Files.size(path);
        try (Store store = context.openStore(context.workspace(null));
                CsvImportReader reader = CsvImportReader.open(path, Set.copyOf(keepColumns))) {
            checkKeptColumns(reader);
            return importFrom(store, reader, path, size);
        } catch (CsvFormatException e) {
            // The whole import was rolled back: say where the file is broken so it can be mended.
            throw new UserInputException(file + ": " + e.getMessage() + "; nothing was imported");
        }
    }

    /** Every column named in --keep-columns must be one of the file's: a misspelt name would otherwise keep nothing, silently. */
    private void checkKeptColumns(CsvImportReader reader) {
        Set<String> columns = new HashSet<>();
        reader.header().forEach(column -> columns.add(column.trim().toLowerCase(Locale.ROOT)));
        for (String kept : keepColumns) {
            if (!columns.contains(kept.trim().toLowerCase(Locale.ROOT))) {
                throw new UserInputException("--keep-columns: " + file + " has no column '" + kept.trim() + "'; its columns are "
                        + String.join(", ", reader.header().stream().map(String::trim).toList()));
            }
        }
    }

    private Integer importFrom(Store store, CsvImportReader reader, Path path, long size) {
        MailingList mailingList = store.lists().require(list);
        List<String> leftOut = reader.leftOutColumns();
        if (!leftOut.isEmpty()) {
            context.err().println(file + ": the " + reader.format().label() + "'s bookkeeping columns are not imported as attributes: "
                    + String.join(", ", leftOut) + "; --keep-columns " + String.join(",", leftOut.subList(0, Math.min(2, leftOut.size())))
                    + " keeps those you name");
        }
        // Rows are rarely shorter than 64 bytes, so this errs towards more rows: only a performance choice rests on it.
        long expectedRows = Math.max(0, size / 64);
        SubscriberImport.Options options = new SubscriberImport.Options(dryRun, update, "import: " + path.getFileName(), expectedRows);
        String display = file.toString();
        ImportReport report;
        try (ProgressBar bar = progressBar(size)) {
            report = new SubscriberImport(store).run(reader, mailingList, options, new SubscriberImport.Problems() {
                        @Override
                        public void skipped(long line, String reason) {
                            context.err().println(display + ":" + line + ": skipped: " + TerminalText.escape(reason));
                        }

                        @Override
                        public void warned(long line, String warning) {
                            context.err().println(display + ":" + line + ": warning: " + TerminalText.escape(warning));
                        }
                    },
                    rows -> {
                        if (bar != null) {
                            bar.stepTo(reader.bytesRead());
                            bar.setExtraMessage(rows + " rows");
                        }
                    });
        }
        context.out().println((dryRun ? "Dry run, nothing changed: " : "Imported ") + display + " into '" + mailingList.slug()
                + "' (" + reader.format().name().toLowerCase(java.util.Locale.ROOT) + " format): " + report);
        return ExitCodes.OK;
    }

    /** A bar on stderr for big files when a person is watching; null otherwise (no output in scripts and tests). */
    private ProgressBar progressBar(long size) {
        if (size < PROGRESS_THRESHOLD || System.console() == null) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName("Importing")
                .setInitialMax(size)
                .setUnit(" MB", 1 << 20)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .showSpeed()
                .build();
    }
}
