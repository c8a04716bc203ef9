package org.newsletter.web;

import java.util.List;

/**
 * What the confirmation email's templates ({@code confirmation.txt.ftl}, {@code confirmation.html.ftlh})
 * see: the address as people read it, the lists' names, how many days the links work, one link per list.
 * Public because FreeMarker reads it by reflection.
 */
public record ConfirmationView(String subject, String address, String lists, String organisation, String postalAddress,
        long days, List<Link> links) {

    /** One list's confirmation link. */
    public record Link(String list, String url) {
    }
}
