package org.newsletter.render;

import java.util.Map;
import org.newsletter.model.Issue;
import org.newsletter.model.Recipient;

/**
 * An issue rendered once: the email's HTML and text with open personal slots, the public web page,
 * and one calendar file per event id.
 */
public record RenderedIssue(Issue issue, Stencil emailHtml, Stencil emailText, String webHtml, Map<String, String> calendars) {

    public RenderedIssue {
        calendars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(calendars));
    }

    /** The two bodies of one recipient's message: the HTML gets escaped values, the text raw ones. */
    public PersonalisedContent personalise(Recipient recipient) {
        return new PersonalisedContent(
                emailHtml.fill(slot -> slot.htmlValueFor(recipient)),
                emailText.fill(slot -> slot.valueFor(recipient)));
    }

    /** One recipient's email bodies. */
    public record PersonalisedContent(String html, String text) {
    }
}
