package org.newsletter.store.imports;

import java.util.Map;
import org.newsletter.store.csv.ImportRow;

/**
 * How large an imported name or attribute value may be. Every message of a campaign carries its
 * recipient's name, so one row with a 10 MB name once cost a sender thread all its memory; no real
 * name or attribute comes near these caps, so a row over them is a mistake (or an attack) and is
 * skipped with its reason instead of being stored.
 */
final class ImportLimits {

    static final int NAME_CHARACTERS = 200;
    static final int ATTRIBUTE_CHARACTERS = 1_000;
    static final String NAME_TOO_LONG = "name too long";
    static final String ATTRIBUTE_TOO_LONG = "attribute too long";

    private ImportLimits() {
    }

    /** The skipped row when {@code row} is over a cap, else null. */
    static SkippedRow exceededBy(ImportRow row) {
        int name = characters(row.name());
        if (name > NAME_CHARACTERS) {
            return new SkippedRow(row.line(), "the name is " + name + " characters long; at most " + NAME_CHARACTERS + " are imported",
                    NAME_TOO_LONG);
        }
        for (Map.Entry<String, String> attribute : row.attributes().entrySet()) {
            int value = characters(attribute.getValue());
            if (value > ATTRIBUTE_CHARACTERS) {
                return new SkippedRow(row.line(), "attribute " + abbreviated(attribute.getKey()) + " is " + value
                        + " characters long; at most " + ATTRIBUTE_CHARACTERS + " are imported", ATTRIBUTE_TOO_LONG);
            }
        }
        return null;
    }

    private static int characters(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }

    private static String abbreviated(String key) {
        return "'" + (key.length() > 40 ? key.substring(0, 40) + "…" : key) + "'";
    }
}
