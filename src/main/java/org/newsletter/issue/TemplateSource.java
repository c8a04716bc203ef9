package org.newsletter.issue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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

    /**
     * The first line of the workspace's template that contains {@code needle}, ignoring case and white
     * space (the CSS inliner rewrites "display: flex" as "display:flex"); the file alone if none does.
     */
    SourcePosition lineOf(String needle) {
        if (!isOverride()) {
            return position();
        }
        String wanted = squeeze(needle);
        try {
            int number = 0;
            for (String line : Files.readAllLines(file())) {
                number++;
                if (squeeze(line).contains(wanted)) {
                    return SourcePosition.of(file(), number);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return position();
    }

    private static String squeeze(String text) {
        return text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }
}
