package org.newsletter.yaml;

import java.util.List;
import org.newsletter.model.SourcePosition;

/** A YAML sequence. */
public record YamlList(List<YamlNode> items, SourcePosition position) implements YamlNode {

    public YamlList {
        items = List.copyOf(items);
    }

    @Override
    public String kind() {
        return "a list";
    }
}
