package org.newsletter.yaml;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Set;
import org.newsletter.model.InvalidInputException;
import org.newsletter.model.SourcePosition;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Refuses the parts of YAML a newsletter never needs: anchors and aliases ({@code &a}, {@code *a}) and
 * tags other than the core schema's ({@code !custom}). Jackson reads an alias as the plain string
 * {@code a} and drops unknown tags, so without this a {@code preheader: *a} would be mailed as "a".
 * SnakeYAML's event stream is read directly because Jackson does not report anchors on scalar values.
 */
final class PlainYamlRule {

    /** YAML 1.2 core schema tags (YAML 1.2.2, section 10.3): harmless, since every scalar is kept as text. */
    private static final Set<String> CORE_TAGS = Set.of("str", "int", "float", "bool", "null", "map", "seq");
    private static final String CORE_PREFIX = "tag:yaml.org,2002:";

    private PlainYamlRule() {
    }

    /** Throws at the first anchor, alias or unknown tag, naming its line; the text is known to parse. */
    static void check(Path file, String text, int firstLine) {
        LoaderOptions options = new LoaderOptions();
        for (Event event : new Yaml(options).parse(new StringReader(text))) {
            if (event instanceof AliasEvent alias) {
                throw refused(file, firstLine, event.getStartMark(), "YAML alias '*" + alias.getAnchor()
                        + "' is not supported; write the value out in full");
            }
            if (event instanceof NodeEvent node && node.getAnchor() != null) {
                throw refused(file, firstLine, event.getStartMark(), "YAML anchor '&" + node.getAnchor()
                        + "' is not supported; remove it and write values out in full");
            }
            String tag = event instanceof ScalarEvent scalar ? scalar.getTag()
                    : event instanceof CollectionStartEvent collection ? collection.getTag() : null;
            if (tag != null && !isCoreTag(tag)) {
                throw refused(file, firstLine, event.getStartMark(), "YAML tag '" + shortForm(tag)
                        + "' is not supported; remove it (values are read as plain text)");
            }
        }
    }

    private static boolean isCoreTag(String tag) {
        return "!".equals(tag) || tag.startsWith(CORE_PREFIX) && CORE_TAGS.contains(tag.substring(CORE_PREFIX.length()));
    }

    private static String shortForm(String tag) {
        return tag.startsWith(CORE_PREFIX) ? "!!" + tag.substring(CORE_PREFIX.length()) : tag;
    }

    private static InvalidInputException refused(Path file, int firstLine, Mark mark, String message) {
        return InvalidInputException.at(new SourcePosition(file, mark.getLine() + firstLine, mark.getColumn() + 1), message);
    }
}
