package org.newsletter.model;

import java.util.List;

/**
 * What click tracking and the counted image recorded for one campaign (newsletter.yaml {@code tracking:}).
 *
 * @param links         the campaign's tracked links with their counts; empty when clicks were not tracked
 * @param imagesCounted whether image loads are reported (the workspace counts them, or some were counted)
 * @param imageLoads    loads of the campaign's image that looked like a person's mail client
 * @param automatedImageLoads loads that looked like a machine's
 */
public record Engagement(List<LinkClicks> links, boolean imagesCounted, long imageLoads, long automatedImageLoads) {

    /** Nothing tracked. */
    public static final Engagement NONE = new Engagement(List.of(), false, 0, 0);

    public Engagement {
        links = List.copyOf(links);
    }

    public boolean clicksTracked() {
        return !links.isEmpty();
    }

    public long humanClicks() {
        return links.stream().mapToLong(LinkClicks::human).sum();
    }

    public long automatedClicks() {
        return links.stream().mapToLong(LinkClicks::automated).sum();
    }
}
