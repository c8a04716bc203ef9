package org.newsletter.compose;

import java.nio.file.Path;
import java.util.Set;
import org.newsletter.model.Diagnostics;
import org.newsletter.model.SourcePosition;
import org.newsletter.yaml.YamlMap;
import org.newsletter.yaml.YamlNode;
import org.newsletter.yaml.YamlReader;

/**
 * A {@code ```events} fence in the body and what it selects: events with a tag, one event by id, or
 * (when empty) every event that no other fence selects.
 */
record EventsFence(String tag, String id, SourcePosition position) {

    static final String INFO = "events";
    private static final Set<String> KEYS = Set.of("tag", "id");

    boolean selectsRest() {
        return tag == null && id == null;
    }

    boolean selects(EventDraft event) {
        return (tag == null || event.tags().contains(tag)) && (id == null || event.id().equals(id));
    }

    /** Parses the fence's content (YAML such as {@code tag: cuppa}) which starts at {@code firstLine}. */
    static EventsFence parse(Path file, String content, int fenceLine, YamlReader yaml, Diagnostics problems) {
        SourcePosition at = SourcePosition.of(file, fenceLine);
        YamlNode node = yaml.read(file, content, fenceLine + 1);
        if (!(node instanceof YamlMap map)) {
            problems.error(at, "an events block holds 'tag: NAME' or 'id: EVENT-ID' (or nothing), not " + node.kind());
            return new EventsFence(null, null, at);
        }
        map.rejectUnknownKeys(KEYS, "events block", problems);
        return new EventsFence(map.text("tag", problems), map.text("id", problems), at);
    }
}
