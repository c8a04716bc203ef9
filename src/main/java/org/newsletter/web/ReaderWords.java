package org.newsletter.web;

import static org.newsletter.render.HtmlEscape.escape;

import java.util.List;

/**
 * Words readers see on the subscribe and unsubscribe pages that are about consent: what the form
 * answers, why "subscribe again" did nothing, what a test copy's link leads to. Kept together so the
 * reader-page templates to come can take them over in one move. Every method returns HTML with its
 * values escaped.
 */
final class ReaderWords {

    private ReaderWords() {
    }

    static final String REQUEST_RECEIVED_TITLE = "Thank you";

    /**
     * The form's answer when a chosen list does not ask for confirmation. It is the same whatever the
     * address's state (new, subscribed, pending, unsubscribed, removed, suppressed or erased), so it
     * tells nobody who is on a list, and it promises nothing it cannot keep: it never says the address
     * "is subscribed". It does not repeat the address either: the answer depends on the lists alone.
     */
    static String requestReceived(List<String> listNames, long confirmationDays) {
        return "<p>We have your request for <strong>" + escape(String.join(", ", listNames)) + "</strong>.</p>"
                + "<p>If the address is new to us, the next issue will come to it. If it unsubscribed before, or a list asks for "
                + "confirmation, we have sent it a message with a link to confirm; the link works for " + confirmationDays + " days.</p>"
                + "<p class=\"note\">Nothing arrived? Look in the spam folder, or send the form again in a while.</p>";
    }

    static final String NOT_LEFT_TITLE = "Nothing changed";

    /** "Subscribe again" on a list the person has not left: a pending request is confirmed only by its emailed link. */
    static String notLeft(String maskedAddress, String listName) {
        return "<p>Subscribing again is for a list you left. " + escape(maskedAddress) + " has not left <strong>" + escape(listName)
                + "</strong>: if you asked for it, the link in the confirmation email we sent is what subscribes you.</p>"
                + "<p class=\"note\"><a href=\"../subscribe\">Subscribe through the form</a> to get a new link.</p>";
    }

    static final String TEST_COPY_TITLE = "This was a test copy";

    /** Where the unsubscribe link of a {@code send --test-to} copy leads: it unsubscribes nobody. */
    static String testCopy() {
        return "<p>This link came in a test copy of an issue, sent to check it before it goes out. It unsubscribes nobody.</p>"
                + "<p class=\"note\">In the issue itself, this link is each reader's own: it unsubscribes them from the list.</p>";
    }
}
