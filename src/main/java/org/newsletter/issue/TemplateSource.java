package org.newsletter.issue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.newsletter.model.SourcePosition;

/**
 * Where a finding in the rendered email came from: the workspace's own template when it overrides
 * the default (with the line of the text found, when asked), else the embedded default, named as
 * the template engine names it in its own errors.
 */
record TemplateSource(Path templatesDir, String name) {

    Path file() {
        return isOverride() ? templatesDir.resolve(name) : Path.of("(embedded)", "templates", name);
    }

    boolean isOverride() {
        return templatesDir != null && Files.isRegularFile(templatesDir.resolve(name));
    }

    SourcePosition position() {
        return SourcePosition.of(file());
    }

    /** The first line of {@code file} that contains {@code needle}, ignoring case and white space. */
    static Optional<SourcePosition> find(Path file, String needle) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String wanted = squeeze(needle);
        try {
            int number = 0;
            for (String line : Files.readAllLines(file)) {
                number++;
                if (squeeze(line).contains(wanted)) {
                    return Optional.of(SourcePosition.of(file, number));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.empty();
    }

    private static String squeeze(String text) {
        return text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }
}
