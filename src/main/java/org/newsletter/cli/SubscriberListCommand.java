package org.newsletter.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.newsletter.model.Subscriber;
import org.newsletter.model.TerminalText;
import org.newsletter.store.Store;
import org.newsletter.store.SubscriberQuery;
import org.newsletter.store.SubscriberRow;
import org.newsletter.store.csv.CsvExportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List subscribers, streaming (fine for a million rows).",
                "Segments: tag:NAME, status:STATUS, attr.KEY=VALUE, attr.KEY!=VALUE, email:*@example.org,"
                + " combined with and, or, not and parentheses."})
final class SubscriberListCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { table, csv, json }

    private final CommandContext context;

    @Mixin
    SubscriberFilter filter;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), csv or json (one object per line).")
    Format format = Format.table;

    SubscriberListCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        try (Store store = context.openStore(context.workspace(null))) {
            SubscriberQuery query = filter.query(store);
            long[] count = {0};
            switch (format) {
                case table -> {
                    context.out().printf("%-40s %-24s %-16s %s%n", "EMAIL", "NAME", "STATUS", "TAGS");
                    store.listing().forEach(query, row -> {
                        Subscriber s = row.subscriber();
                        context.out().printf("%-40s %-24s %-16s %s%n", TerminalText.escape(s.email()), clip(TerminalText.escape(s.name()), 24),
                                row.status(), TerminalText.escape(String.join(",", s.tags())));
                        count[0]++;
                    });
                    context.err().println(count[0] + " subscriber(s)");
                }
                case csv -> {
                    try (CsvExportWriter writer = CsvExportWriter.open(new NonClosingWriter(context.out()))) {
                        store.listing().forEach(query, row -> SubscriberExportCommand.write(writer, SubscriberExportCommand.exportRow(row, query)));
                    }
                }
                case json -> {
                    ObjectMapper json = new ObjectMapper().findAndRegisterModules();
                    JsonGenerator generator = json.getFactory().createGenerator(new NonClosingWriter(context.out()));
                    generator.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
                    store.listing().forEach(query, row -> writeJson(generator, row));
                    generator.writeRaw('\n');
                    generator.close();
                }
            }
        }
        context.out().flush();
        return ExitCodes.OK;
    }

    private static void writeJson(JsonGenerator generator, SubscriberRow row) {
        Subscriber s = row.subscriber();
        try {
            generator.writeStartObject();
            generator.writeStringField("email", s.email());
            generator.writeStringField("name", s.name());
            generator.writeStringField("status", row.status());
            generator.writeArrayFieldStart("tags");
            for (String tag : s.tags()) {
                generator.writeString(tag);
            }
            generator.writeEndArray();
            generator.writeObjectFieldStart("attributes");
            for (var attribute : s.attributes().entrySet()) {
                generator.writeStringField(attribute.getKey(), attribute.getValue());
            }
            generator.writeEndObject();
            generator.writeStringField("consent_source", s.consentSource());
            generator.writeStringField("consent_at", s.consentAt() == null ? null : s.consentAt().toString());
            generator.writeStringField("created_at", s.createdAt().toString());
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "\u2026";
    }
}
