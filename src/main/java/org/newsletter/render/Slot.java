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
    UNSUBSCRIBE_URL;

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
        };
    }

    /** The value as it goes into HTML: escaped for element content and quoted attributes alike. */
    public String htmlValueFor(Recipient recipient) {
        return HtmlEscape.escape(valueFor(recipient));
    }
}
