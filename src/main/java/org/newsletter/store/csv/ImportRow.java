package org.newsletter.store.csv;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One subscriber read from an import file, before the store has looked at it.
 *
 * @param line            the 1-based line on which the row starts
 * @param email           the address as written, trimmed; never empty, but not validated here
 * @param name            the person's name, trimmed; {@code null} when the file gives none
 * @param tags            tags in file order, never {@code null}
 * @param attributes      extra values in file order, never {@code null}
 * @param status          {@code null} unless the file says: the status column of our own export, or
 *                        {@code "unsubscribed"} for a listmonk subscriber that is blocklisted or a Mailchimp
 *                        unsubscribed/cleaned export
 * @param consentSource   where consent came from, {@code null} when the file does not say
 * @param consentAtMillis when consent was given (epoch milliseconds, UTC), {@code null} when unknown
 * @param warnings        what looks wrong in the row without stopping it from being imported (a cell that
 *                        looks like a spreadsheet formula), never {@code null}
 */
public record ImportRow(
        long line,
        String email,
        String name,
        Set<String> tags,
        Map<String, String> attributes,
        String status,
        String consentSource,
        Long consentAtMillis,
        List<String> warnings) implements ReadResult {

    public ImportRow {
        Objects.requireNonNull(email, "email");
        tags = tags == null || tags.isEmpty() ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(tags));
        attributes = attributes == null || attributes.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
