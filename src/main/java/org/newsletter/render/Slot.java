package org.newsletter.render;

import org.newsletter.model.EmailAddress;
import org.newsletter.model.Recipient;

/**
 * The personal values a rendered issue leaves open. Templates are rendered once per issue with
 * {@link #marker()} in these places; each recipient then costs a string fill, not a template run.
 */
public enum Slot {
    RECIPIENT_NAME,
    RECIPIENT_EMAIL,
    UNSUBSCRIBE_URL,
    PREFERENCES_URL,
    /**
     * The personal end of a click-tracked link ({@code .SUBSCRIBER.MAC}), only when clicks are kept per
     * person: one signature per recipient, however many links the message has.
     */
    CLICK_PERSON;

    /** Plain ASCII that survives FreeMarker escaping, the CSS inliner and URL contexts unchanged. */
    public String marker() {
        return "@@nl-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "@@";
    }

    public String valueFor(Recipient recipient) {
        return switch (this) {
            case RECIPIENT_NAME -> recipient.name();
            // Read by people (the footer's "sent to"), so an international domain shows in Unicode;
            // the To header and the SMTP envelope take recipient.email() itself, in punycode.
            case RECIPIENT_EMAIL -> EmailAddress.unicodeForm(recipient.email());
            case UNSUBSCRIBE_URL -> recipient.unsubscribeUrl();
            case PREFERENCES_URL -> preferencesUrl(recipient.unsubscribeUrl());
            case CLICK_PERSON -> recipient.clickPerson();
        };
    }

    /**
     * The preference centre, BASE/p/TOKEN, takes the same signed token as the unsubscribe page
     * BASE/u/TOKEN (it names the person and the list the message came through), so every sender of
     * messages that has an unsubscribe link has this one too.
     */
    static String preferencesUrl(String unsubscribeUrl) {
        int at = unsubscribeUrl.lastIndexOf("/u/");
        return at < 0 ? "" : unsubscribeUrl.substring(0, at) + "/p/" + unsubscribeUrl.substring(at + 3);
    }

    /** The value as it goes into HTML: escaped for element content and quoted attributes alike. */
    public String htmlValueFor(Recipient recipient) {
        return HtmlEscape.escape(valueFor(recipient));
    }
}
