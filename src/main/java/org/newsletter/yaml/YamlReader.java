package org.newsletter.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsletter.model.InvalidInputException;
import org.newsletter.model.SourcePosition;

/**
 * Reads YAML into {@link YamlNode}s that keep their line and column. Jackson's streaming parser is
 * used rather than data binding because binding loses positions, and every error we report about a
 * user's YAML must say where it is.
 */
public final class YamlReader {

    private final YAMLFactory factory = new YAMLFactory();

    /**
     * Parses {@code text}, which starts at line {@code firstLine} of {@code file} (front matter starts
     * at line 2 of index.md). An empty document reads as an empty map.
     *
     * @throws InvalidInputException for YAML syntax errors, duplicate keys, anchors, aliases and unknown
     *     tags, with file and line
     */
    public YamlNode read(Path file, String text, int firstLine) {
        YamlNode root = parse(file, text, firstLine);
        PlainYamlRule.check(file, text, firstLine);
        return root;
    }

    private YamlNode parse(Path file, String text, int firstLine) {
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlMap(Map.of(), new SourcePosition(file, firstLine, 1));
            }
            YamlNode root = readValue(parser, file, firstLine);
            if (parser.nextToken() != null) {
                throw InvalidInputException.at(position(parser, file, firstLine),
                        "more than one YAML document; remove the extra '---'");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            SourcePosition position = at == null
                    ? SourcePosition.of(file)
                    : new SourcePosition(file, at.getLineNr() + firstLine - 1, Math.max(at.getColumnNr(), 0));
            throw InvalidInputException.at(position, "invalid YAML: " + firstLineOf(e.getOriginalMessage()));
        } catch (IOException e) {
            throw InvalidInputException.at(SourcePosition.of(file), "cannot read YAML: " + e.getMessage());
        }
    }

    private YamlNode readValue(JsonParser parser, Path file, int firstLine) throws IOException {
        SourcePosition at = position(parser, file, firstLine);
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, YamlMap.Entry> entries = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                SourcePosition keyAt = position(parser, file, firstLine);
                parser.nextToken();
                YamlNode value = readValue(parser, file, firstLine);
                if (entries.containsKey(key)) {
                    throw InvalidInputException.at(keyAt, "duplicate key '" + key + "' (first at line "
                            + entries.get(key).keyPosition().line() + ")");
                }
                entries.put(key, new YamlMap.Entry(key, keyAt, value));
            }
            return new YamlMap(entries, at);
        }
        if (token == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(readValue(parser, file, firstLine));
            }
            return new YamlList(items, at);
        }
        if (token == JsonToken.VALUE_NULL) {
            return new YamlScalar(null, at);
        }
        return new YamlScalar(parser.getText(), at);
    }

    private static SourcePosition position(JsonParser parser, Path file, int firstLine) {
        JsonLocation location = parser.currentTokenLocation();
        return new SourcePosition(file, location.getLineNr() + firstLine - 1, Math.max(location.getColumnNr(), 0));
    }

    private static String firstLineOf(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
