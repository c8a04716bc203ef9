package org.newsletter.compose;

import java.nio.file.Path;
import org.newsletter.model.InvalidInputException;
import org.newsletter.model.SourcePosition;

/**
 * Separates the YAML front matter (between a first line {@code ---} and the next {@code ---} or
 * {@code ...}) from the Markdown body, remembering on which line each starts so that errors in
 * either point at the right line of index.md.
 */
final class FrontMatterSplitter {

    /** The two halves and the 1-based line each begins on. */
    record Split(String yaml, int yamlFirstLine, String body, int bodyFirstLine) {
    }

    private FrontMatterSplitter() {
    }

    static Split split(Path file, String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            throw InvalidInputException.at(SourcePosition.of(file, 1),
                    "index.md must start with front matter: a line '---', then title: and date:, then '---'");
        }
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.equals("---") || line.equals("...")) {
                String yaml = String.join("\n", java.util.Arrays.copyOfRange(lines, 1, i));
                String body = String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length));
                return new Split(yaml, 2, body, i + 2);
            }
        }
        throw InvalidInputException.at(SourcePosition.of(file, 1),
                "front matter is not closed: add a line '---' after the last setting");
    }
}
