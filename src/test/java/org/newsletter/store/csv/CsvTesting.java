package org.newsletter.store.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Small helpers shared by the CSV tests. */
final class CsvTesting {

    private CsvTesting() {
    }

    static List<ReadResult> readAll(String csv) {
        try (CsvImportReader reader = CsvImportReader.open(new StringReader(csv))) {
            return drain(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ReadResult> drain(CsvImportReader reader) {
        List<ReadResult> all = new ArrayList<>();
        reader.forEachRemaining(all::add);
        return all;
    }

    static List<ImportRow> rows(List<ReadResult> results) {
        return results.stream().filter(ImportRow.class::isInstance).map(ImportRow.class::cast).toList();
    }

    static List<RowProblem> problems(List<ReadResult> results) {
        return results.stream().filter(RowProblem.class::isInstance).map(RowProblem.class::cast).toList();
    }

    static CsvImportReader openResource(String name) throws IOException {
        return openResource(name, Set.of());
    }

    static CsvImportReader openResource(String name, Set<String> keep) throws IOException {
        InputStream in = CsvTesting.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("no test resource " + name);
        }
        return CsvImportReader.open(new InputStreamReader(in, StandardCharsets.UTF_8), keep);
    }

    static long millis(String instant) {
        return java.time.Instant.parse(instant).toEpochMilli();
    }
}
