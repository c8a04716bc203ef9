package org.newsletter.store;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.newsletter.model.EmailAddress;

/** What a staff member or a form gives us about a new person. */
public record NewSubscriber(
        EmailAddress email,
        String name,
        Set<String> tags,
        Map<String, String> attributes,
        String consentSource,
        Instant consentAt) {

    public NewSubscriber {
        name = name == null ? "" : name.strip();
        tags = Set.copyOf(tags == null ? Set.of() : tags);
        attributes = Map.copyOf(attributes == null ? Map.of() : attributes);
        consentSource = consentSource == null ? "" : consentSource;
    }
}
