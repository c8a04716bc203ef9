package org.newsletter.cli;

import java.util.IllformedLocaleException;
import java.util.Locale;
import org.newsletter.model.UserInputException;

/** The {@code --lang} of {@code lists create} and {@code lists set}: a well-formed BCP 47 tag, normalised. */
final class ListLanguage {

    private ListLanguage() {
    }

    static String check(String tag) {
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag.strip()).build();
            if (locale.getLanguage().isEmpty()) {
                throw new IllformedLocaleException("no language");
            }
            return locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            throw new UserInputException("--lang: '" + tag + "' is not a language tag (BCP 47), such as cy, de or pt-BR");
        }
    }
}
