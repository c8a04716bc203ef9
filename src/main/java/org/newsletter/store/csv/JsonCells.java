package org.newsletter.store.csv;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;

/** The JSON inside cells: attributes objects and, rarely, tag arrays. Reads with the streaming parser. */
public final class JsonCells {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private JsonCells() {
    }

    /**
     * Adds the members of a JSON object to {@code into}, nested objects flattened to dotted keys
     * ({@code {"address":{"city":"Leeds"}}} → {@code address.city=Leeds}). Strings are their value; numbers
     * and booleans their JSON text as written; arrays their compact JSON text; nulls are left out.
     *
     * @throws IOException when the text is not a single JSON object
     */
    static void flattenObject(String json, Map<String, String> into) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            flatten(p, "", into);
            if (p.nextToken() != null) {
                throw new IOException("more text after the JSON object");
            }
        }
    }

    private static void flatten(JsonParser p, String prefix, Map<String, String> into) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = prefix + p.currentName();
            JsonToken value = p.nextToken();
            switch (value) {
                case START_OBJECT -> flatten(p, key + ".", into);
                case START_ARRAY -> into.put(key, copyStructure(p));
                case VALUE_NULL -> { }
                default -> into.put(key, p.getText());
            }
        }
    }

    private static String copyStructure(JsonParser p) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.copyCurrentStructure(p);
        }
        return out.toString();
    }

    /** @throws IOException when the text is not a JSON array of strings */
    static void readStringArray(String json, Collection<String> into) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("not a JSON array");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
                into.add(p.getText());
            }
            if (t != JsonToken.END_ARRAY) {
                throw new IOException("not a JSON array of strings");
            }
            if (p.nextToken() != null) {
                throw new IOException("more text after the JSON array");
            }
        }
    }

    /** Appends a compact JSON object with the keys in sorted order; null values are left out. */
    static void appendObject(Map<String, String> map, StringBuilder out) {
        out.append('{');
        boolean first = true;
        if (map instanceof SortedMap<String, String> sorted && sorted.comparator() == null) {
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                first = appendMember(e.getKey(), e.getValue(), first, out);
            }
        } else {
            String[] keys = map.keySet().toArray(new String[0]);
            Arrays.sort(keys);
            for (String key : keys) {
                first = appendMember(key, map.get(key), first, out);
            }
        }
        out.append('}');
    }

    private static boolean appendMember(String key, String value, boolean first, StringBuilder out) {
        if (value == null) {
            return first;
        }
        if (!first) {
            out.append(',');
        }
        appendString(key, out);
        out.append(':');
        appendString(value, out);
        return false;
    }

    /** Appends a compact JSON array of strings. */
    static void appendArray(List<String> values, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendString(values.get(i), out);
        }
        out.append(']');
    }

    static boolean isNaturallySorted(Collection<String> values) {
        return values instanceof SortedSet<String> s && s.comparator() == null;
    }

    /** Appends a JSON string literal (RFC 8259 §7): quotes, backslashes and control characters escaped, everything else as is. */
    public static void appendString(String s, StringBuilder out) {
        out.append('"');
        if (!needsEscaping(s)) {
            out.append(s).append('"'); // nearly always: one bulk copy
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean needsEscaping(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return true;
            }
        }
        return false;
    }
}
