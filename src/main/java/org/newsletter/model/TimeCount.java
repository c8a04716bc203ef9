package org.newsletter.model;

import java.time.Instant;

/** How many things happened in the period that begins at {@code start}: one bar of a chart. */
public record TimeCount(Instant start, long count) {
}
