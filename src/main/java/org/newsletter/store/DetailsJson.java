package org.newsletter.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A person's tags and attributes as they are kept in the subscriber row: tags a sorted JSON array
 * of strings, attributes a JSON object of string values in key order. Sorted so the same details
 * always give the same text.
 */
final class DetailsJson {

    private static final TypeReference<TreeSet<String>> TAGS = new TypeReference<>() {
    };
    private static final TypeReference<TreeMap<String, String>> ATTRIBUTES = new TypeReference<>() {
    };

    private final ObjectMapper json = new ObjectMapper();

    String tags(Collection<String> tags) {
        return write(tags instanceof SortedSet<?> && ((SortedSet<?>) tags).comparator() == null ? tags : new TreeSet<>(tags));
    }

    String attributes(Map<String, String> attributes) {
        return write(attributes instanceof SortedMap<?, ?> && ((SortedMap<?, ?>) attributes).comparator() == null ? attributes : new TreeMap<>(attributes));
    }

    TreeSet<String> tags(String text) {
        if (text == null || text.isEmpty()) {
            return new TreeSet<>();
        }
        return read(text, TAGS, "tags");
    }

    TreeMap<String, String> attributes(String text) {
        if (text == null || text.isEmpty()) {
            return new TreeMap<>();
        }
        return read(text, ATTRIBUTES, "attributes");
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Strings, lists and maps of strings always serialise; this would be a bug, not bad input.
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type, String what) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("unreadable " + what + " in the database: " + e.getOriginalMessage(), e);
        }
    }
}
