package org.newsletter.cli;

import java.util.concurrent.Callable;
import org.newsletter.model.Subscriber;
import org.newsletter.store.Store;
import org.newsletter.store.SubscriberQuery;
import org.newsletter.store.SubscriberRow;
import org.newsletter.store.csv.CsvExportWriter;
import org.newsletter.store.csv.ExportRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write subscribers as CSV in the format 'import' reads back.",
                "Writes to standard output. With --list each row carries its status on that list."
                + " Cells starting with = + - @ are prefixed with ' so spreadsheets do not run them as formulas."})
final class SubscriberExportCommand implements Callable<Integer> {

    private final CommandContext context;

    @Mixin
    SubscriberFilter filter;

    SubscriberExportCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws java.io.IOException {
        long[] count = {0};
        try (Store store = context.openStore(context.workspace(null));
                CsvExportWriter writer = CsvExportWriter.open(new NonClosingWriter(context.out()))) {
            SubscriberQuery query = filter.query(store);
            store.listing().forEach(query, row -> {
                write(writer, exportRow(row, query));
                count[0]++;
            });
        }
        context.err().println("Exported " + count[0] + " subscriber(s)");
        return ExitCodes.OK;
    }

    static void write(CsvExportWriter writer, ExportRow row) {
        try {
            writer.write(row);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write CSV", e);
        }
    }

    /** Without a list a row has no single status; it is left empty rather than guessed. */
    static ExportRow exportRow(SubscriberRow row, SubscriberQuery query) {
        Subscriber s = row.subscriber();
        return new ExportRow(s.email(), s.name(), query.list() == null ? "" : row.status(), s.tags(), s.attributes(),
                s.consentSource(), s.consentAt() == null ? null : s.consentAt().toEpochMilli(),
                s.createdAt().toEpochMilli(), s.updatedAt().toEpochMilli());
    }
}
