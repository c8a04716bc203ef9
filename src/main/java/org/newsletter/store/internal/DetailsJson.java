package org.newsletter.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.newsletter.store.csv.JsonCells;

/**
 * A person's tags and attributes as they are kept in the subscriber row: tags a sorted JSON array
 * of strings, attributes a JSON object of string values in key order. Sorted so the same details
 * always give the same text. Written by hand rather than by Jackson: this runs a million times in an
 * import, where the general serialiser cost more CPU (mostly the JIT compiling it) than the strings.
 */
public final class DetailsJson {

    private static final TypeReference<TreeSet<String>> TAGS = new TypeReference<>() {
    };
    private static final TypeReference<TreeMap<String, String>> ATTRIBUTES = new TypeReference<>() {
    };

    /** Made on the first read: most commands only write these, and a mapper costs tens of milliseconds to start. */
    private volatile ObjectMapper reader;

    public String tags(Collection<String> tags) {
        if (tags.isEmpty()) {
            return "[]";
        }
        StringBuilder json = new StringBuilder(16 * tags.size()).append('[');
        String previous = null;
        for (String tag : sorted(tags)) {
            if (tag.equals(previous)) {
                continue; // a list may name a tag twice; a person has it once
            }
            if (previous != null) {
                json.append(',');
            }
            JsonCells.appendString(tag, json);
            previous = tag;
        }
        return json.append(']').toString();
    }

    public String attributes(Map<String, String> attributes) {
        if (attributes.isEmpty()) {
            return "{}";
        }
        StringBuilder json = new StringBuilder(32 * attributes.size()).append('{');
        for (Map.Entry<String, String> attribute : sorted(attributes)) {
            if (json.length() > 1) {
                json.append(',');
            }
            JsonCells.appendString(attribute.getKey(), json);
            json.append(':');
            JsonCells.appendString(attribute.getValue(), json);
        }
        return json.append('}').toString();
    }

    private static Collection<String> sorted(Collection<String> tags) {
        if (tags.size() < 2 || tags instanceof SortedSet<String> set && set.comparator() == null) {
            return tags;
        }
        String[] inOrder = tags.toArray(new String[0]);
        Arrays.sort(inOrder);
        return Arrays.asList(inOrder);
    }

    private static Collection<Map.Entry<String, String>> sorted(Map<String, String> attributes) {
        if (attributes.size() < 2 || attributes instanceof SortedMap<String, String> map && map.comparator() == null) {
            return attributes.entrySet();
        }
        List<Map.Entry<String, String>> inOrder = new ArrayList<>(attributes.entrySet());
        inOrder.sort(Map.Entry.comparingByKey());
        return inOrder;
    }

    public TreeSet<String> tags(String text) {
        if (text == null || text.isEmpty()) {
            return new TreeSet<>();
        }
        return read(text, TAGS, "tags");
    }

    public TreeMap<String, String> attributes(String text) {
        if (text == null || text.isEmpty()) {
            return new TreeMap<>();
        }
        return read(text, ATTRIBUTES, "attributes");
    }

    private <T> T read(String text, TypeReference<T> type, String what) {
        try {
            ObjectMapper mapper = reader;
            if (mapper == null) {
                mapper = new ObjectMapper(); // two threads may each make one; either will do
                reader = mapper;
            }
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            // Only this program writes these columns, so unreadable JSON means the file was damaged
            // or edited by hand: a broken invariant, not a condition callers could handle.
            throw new IllegalStateException("unreadable " + what + " in the database: " + e.getOriginalMessage(), e);
        }
    }
}
