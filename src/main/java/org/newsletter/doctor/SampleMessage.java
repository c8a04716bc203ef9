package org.newsletter.doctor;

/**
 * A message as {@code send} would build it, for the unsubscribe item; {@code cli} builds it from the
 * latest issue (doctor may not use the issue pipeline itself).
 *
 * @param issue which issue it was built from
 * @param raw   the RFC 5322 message
 */
public record SampleMessage(String issue, byte[] raw) {
}
