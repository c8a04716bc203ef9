package org.newsletter.store;

import java.util.Map;
import java.util.Set;
import org.newsletter.model.Subscriber;

/**
 * What adding someone did: the outcome, the person as stored now, and what the command gave that
 * differs from what was on file. Someone already on file keeps their details unless the caller asked
 * to update them (as an import does), so {@code differences} were either kept out or applied.
 */
public record AddResult(AddOutcome outcome, Subscriber subscriber, Differences differences, boolean updated) {

    /** A name other than the one on file, tags not on file, attribute values not on file. */
    public record Differences(String name, Set<String> tags, Map<String, String> attributes) {

        public Differences {
            tags = Set.copyOf(tags);
            attributes = Map.copyOf(attributes);
        }

        public boolean isEmpty() {
            return name == null && tags.isEmpty() && attributes.isEmpty();
        }
    }
}
