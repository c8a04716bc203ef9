package org.newsletter.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The JSON kept in the subscriber row: written by hand, so held to a real parser. */
class DetailsJsonTest {

    private final DetailsJson json = new DetailsJson();

    @Test
    void writesSortedTextThatReadsBackAsTheSameValues() throws Exception {
        Set<String> tags = Set.of("zebra", "Äpfel", "say \"hi\"", "back\\slash", "tab\there", "line\nbreak", "bell\u0007", "emoji 😀", "");
        Map<String, String> attributes = Map.of("city", "São Paulo", "note", "50% \"off\" \\ now\r\n", "ctrl", "\u0001\u001f", "", "empty name");

        String tagText = json.tags(tags);
        String attributeText = json.attributes(attributes);

        ObjectMapper parser = new ObjectMapper();
        assertThat(parser.readValue(tagText, new TypeReference<List<String>>() { })).containsExactlyElementsOf(new java.util.TreeSet<>(tags));
        assertThat(parser.readValue(attributeText, new TypeReference<Map<String, String>>() { })).isEqualTo(attributes);
        assertThat(json.tags(tagText)).containsExactlyElementsOf(new java.util.TreeSet<>(tags));
        assertThat(json.attributes(attributeText)).isEqualTo(new TreeMap<>(attributes));
        assertThat(attributeText).startsWith("{\"\":\"empty name\",\"city\":");
        assertThat(json.tags(List.of("b", "a", "b"))).isEqualTo("[\"a\",\"b\"]");
        assertThat(json.tags(Set.of())).isEqualTo("[]");
        assertThat(json.attributes(Map.of())).isEqualTo("{}");
    }

    @Test
    void unreadableTextInTheDatabaseSaysWhichColumn() {
        assertThatThrownBy(() -> json.tags("[\"a\"")).isInstanceOf(IllegalStateException.class).hasMessageContaining("unreadable tags");
        assertThatThrownBy(() -> json.attributes("{\"a\":")).isInstanceOf(IllegalStateException.class).hasMessageContaining("unreadable attributes");
    }
}
