package org.newsletter.model;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A person on file. {@code consentSource} says how we came to have the address ("staff: ann",
 * "import: members.csv", "form"), {@code consentAt} when.
 */
public record Subscriber(
        long id,
        String email,
        String name,
        SortedMap<String, String> attributes,
        SortedSet<String> tags,
        String consentSource,
        Instant consentAt,
        Instant createdAt,
        Instant updatedAt) {

    public Subscriber {
        name = name == null ? "" : name;
        attributes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(attributes == null ? Map.of() : attributes));
        tags = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(tags == null ? Set.of() : tags));
        consentSource = consentSource == null ? "" : consentSource;
    }
}
