package org.newsletter.yaml;

import org.newsletter.model.SourcePosition;

/** A scalar exactly as written (YAML's own type guesses are ignored: we parse dates and zones ourselves). */
public record YamlScalar(String value, SourcePosition position) implements YamlNode {

    public boolean isNull() {
        return value == null;
    }

    @Override
    public String kind() {
        return "a value";
    }
}
