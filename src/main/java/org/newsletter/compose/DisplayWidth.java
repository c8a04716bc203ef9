package org.newsletter.compose;

/**
 * Estimates how many terminal columns a string occupies.
 *
 * <p>Line limits and heading underlines are about what the reader sees, not about Java
 * {@code char}s: combining accents take no column, and East Asian wide characters and most emoji
 * take two. This is the usual {@code wcwidth} approximation, good enough for plain-text mail.
 */
final class DisplayWidth {

    private DisplayWidth() {
    }

    /** Returns the number of columns {@code text} takes in a monospaced font. */
    static int of(CharSequence text) {
        int columns = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = Character.codePointAt(text, i);
            columns += columns(codePoint);
            i += Character.charCount(codePoint);
        }
        return columns;
    }

    private static int columns(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.NON_SPACING_MARK:
            case Character.ENCLOSING_MARK:
            case Character.FORMAT:
            case Character.CONTROL:
                return 0;
            default:
                return isWide(codePoint) ? 2 : 1;
        }
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F)      // Hangul Jamo initial consonants
                || (cp >= 0x2E80 && cp <= 0x303E)   // CJK radicals, punctuation
                || (cp >= 0x3041 && cp <= 0x33FF)   // Kana, CJK compatibility
                || (cp >= 0x3400 && cp <= 0x4DBF)   // CJK extension A
                || (cp >= 0x4E00 && cp <= 0x9FFF)   // CJK unified ideographs
                || (cp >= 0xA000 && cp <= 0xA4CF)   // Yi
                || (cp >= 0xAC00 && cp <= 0xD7A3)   // Hangul syllables
                || (cp >= 0xF900 && cp <= 0xFAFF)   // CJK compatibility ideographs
                || (cp >= 0xFE30 && cp <= 0xFE4F)   // CJK compatibility forms
                || (cp >= 0xFF00 && cp <= 0xFF60)   // fullwidth forms
                || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x1F300 && cp <= 0x1F64F) // pictographs, emoticons
                || (cp >= 0x1F900 && cp <= 0x1F9FF) // supplemental pictographs
                || (cp >= 0x20000 && cp <= 0x3FFFD); // CJK extensions B and later
    }
}
