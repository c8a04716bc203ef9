package org.newsletter.model;

/**
 * The rules a subscriber's name follows wherever it comes from (staff, an import, a reader's form), kept
 * in one place so the ways in cannot drift apart.
 */
public final class PersonName {

    /** The longest name a reader may type into a form: one line of a page, and of a To: header. */
    public static final int MAX_FORM_LENGTH = 100;

    private PersonName() {
    }

    /**
     * Whether the name holds a control character (NUL, a line break, a tab, ESC…). A name goes into the
     * To: header's display name (RFC 5322 section 3.4), where a line break would end the field, and onto
     * staff's terminal, where an escape sequence would act.
     */
    public static boolean hasControlCharacter(String name) {
        return name.chars().anyMatch(Character::isISOControl);
    }

    /** Whether a name typed into a reader's form is acceptable: not too long, no control characters. */
    public static boolean acceptableFromForm(String name) {
        return name.length() <= MAX_FORM_LENGTH && !hasControlCharacter(name);
    }
}
