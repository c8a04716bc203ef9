package org.newsletter.model;

import java.time.Instant;

/** An address that is never mailed again; {@code email} is null once the person was erased. */
public record Suppression(String email, SuppressionReason reason, String note, Instant at) {
}
