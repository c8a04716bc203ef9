package org.newsletter.model;

import java.time.Instant;

/** One click kept about a person ({@code tracking.clicks: per_person}): for a subject access request. */
public record ClickRecord(long campaignId, String issue, String url, boolean automated, Instant at) {
}
