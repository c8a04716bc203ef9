package org.newsletter.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.newsletter.model.Diagnostics;
import org.newsletter.model.Spelling;
import org.newsletter.model.SourcePosition;

/** A YAML mapping whose keys keep their positions, in the order written. */
public record YamlMap(Map<String, Entry> entries, SourcePosition position) implements YamlNode {

    /** One key and its value. */
    public record Entry(String key, SourcePosition keyPosition, YamlNode value) {
    }

    public YamlMap {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public String kind() {
        return "a map";
    }

    public YamlNode get(String key) {
        Entry entry = entries.get(key);
        return entry == null ? null : entry.value();
    }

    public boolean has(String key) {
        YamlNode node = get(key);
        return node != null && !(node instanceof YamlScalar s && s.isNull());
    }

    /**
     * Reports every key that is not allowed: a misspelt key silently ignored is a setting silently lost.
     * Suggests the closest allowed key when one is near.
     */
    public void rejectUnknownKeys(Set<String> allowed, String where, Diagnostics diagnostics) {
        for (Entry entry : entries.values()) {
            if (!allowed.contains(entry.key())) {
                String hint = Spelling.closest(entry.key(), allowed)
                        .map(k -> " (did you mean '" + k + "'?)")
                        .orElse("; allowed keys are " + String.join(", ", allowed.stream().sorted().toList()));
                diagnostics.error(entry.keyPosition(), "unknown key '" + entry.key() + "' in " + where + hint);
            }
        }
    }

    /** The scalar text of a key, or null when absent or null; reports a map or list where text belongs. */
    public String text(String key, Diagnostics diagnostics) {
        YamlNode node = get(key);
        if (node == null) {
            return null;
        }
        if (node instanceof YamlScalar scalar) {
            return scalar.value();
        }
        diagnostics.error(node.position(), "'" + key + "' must be a single value, not " + node.kind());
        return null;
    }

    /** Like {@link #text} but reports a missing or empty value as an error. */
    public String requiredText(String key, String where, Diagnostics diagnostics) {
        String value = text(key, diagnostics);
        if (value == null || value.isBlank()) {
            if (get(key) == null || get(key) instanceof YamlScalar) {
                SourcePosition at = entries.containsKey(key) ? entries.get(key).keyPosition() : position;
                diagnostics.error(at, where + " is missing required key '" + key + "'");
            }
            return null;
        }
        return value;
    }

    /** Where a key's value is, or the map itself when the key is absent. */
    public SourcePosition positionOf(String key) {
        YamlNode node = get(key);
        return node == null ? position : node.position();
    }
}
