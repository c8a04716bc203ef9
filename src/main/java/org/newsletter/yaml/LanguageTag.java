package org.newsletter.yaml;

import java.util.IllformedLocaleException;
import java.util.Locale;
import org.newsletter.model.Diagnostics;
import org.newsletter.model.SourcePosition;

/** Parses BCP 47 language tags such as {@code en-GB}, reporting nonsense instead of guessing. */
public final class LanguageTag {

    private LanguageTag() {
    }

    /** Returns the locale, or null after reporting an error. */
    public static Locale parse(String value, SourcePosition at, Diagnostics problems) {
        try {
            Locale locale = new Locale.Builder().setLanguageTag(value.trim()).build();
            if (locale.getLanguage().isEmpty()) {
                problems.error(at, "'" + value + "' is not a language tag; use one like en-GB or fr");
                return null;
            }
            return locale;
        } catch (IllformedLocaleException e) {
            problems.error(at, "'" + value + "' is not a language tag (" + e.getMessage() + "); use one like en-GB or fr");
            return null;
        }
    }
}
