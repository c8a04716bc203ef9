package org.newsletter.web;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Words of the server's reader pages from the message bundle {@code templates/messages_LANG.properties}
 * embedded in the jar. English only for now: the pages do not yet follow a list's or a reader's language,
 * so the bundle is read in English whatever the workspace's language, rather than mixing languages on
 * one page.
 */
final class ReaderMessages {

    private static final String BUNDLE = "templates.messages";

    private final ResourceBundle bundle;

    private ReaderMessages(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    static ReaderMessages english() {
        return new ReaderMessages(ResourceBundle.getBundle(BUNDLE, Locale.ENGLISH,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
    }

    /** The text under {@code key} with {@code values} put in (plain text: the caller escapes it for HTML). */
    String text(String key, Object... values) {
        String pattern = bundle.getString(key);
        return values.length == 0 ? pattern.replace("''", "'") : new MessageFormat(pattern, Locale.ENGLISH).format(values);
    }
}
