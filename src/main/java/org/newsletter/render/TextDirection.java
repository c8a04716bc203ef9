package org.newsletter.render;

import java.util.Locale;
import java.util.Set;

/**
 * Which way a language's text runs, for the HTML {@code dir} attribute: from the BCP 47 tag's script
 * subtag when it has one ({@code pa-Arab} is right to left, {@code az-Latn} left to right), else from
 * the language's usual script (Unicode CLDR's likely subtags for the right-to-left ones).
 */
final class TextDirection {

    /** Languages whose usual script runs right to left (Arabic, Hebrew, Thaana, Syriac, N'Ko, Adlam scripts). */
    private static final Set<String> RIGHT_TO_LEFT_LANGUAGES = Set.of(
            "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ji", "ks", "lrc", "mzn", "nqo", "ps", "sd", "syr", "ug", "ur", "yi");
    private static final Set<String> RIGHT_TO_LEFT_SCRIPTS = Set.of(
            "Arab", "Adlm", "Hebr", "Mand", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi");

    private TextDirection() {
    }

    /** "rtl" or "ltr". */
    static String of(Locale language) {
        String script = language.getScript();
        boolean rightToLeft = script.isEmpty() ? RIGHT_TO_LEFT_LANGUAGES.contains(language.getLanguage())
                : RIGHT_TO_LEFT_SCRIPTS.contains(script);
        return rightToLeft ? "rtl" : "ltr";
    }
}
