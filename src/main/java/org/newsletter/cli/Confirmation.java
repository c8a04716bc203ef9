package org.newsletter.cli;

import java.util.Locale;
import org.newsletter.model.UserInputException;

/**
 * Asks before something that cannot be undone, such as mail going out. {@code --yes} skips the
 * question; without a terminal and without {@code --yes} the command refuses, so a script never
 * sends by accident.
 */
final class Confirmation {

    private Confirmation() {
    }

    /** True to go ahead; throws when there is no one to ask and no {@code --yes}. */
    /** @param verb what would happen, e.g. "send" */
    static boolean confirmed(CommandContext context, boolean yes, String verb, String question) {
        if (yes) {
            return true;
        }
        if (!context.terminal().interactive()) {
            throw new UserInputException("refusing to " + verb + " without confirmation: there is no terminal to ask; pass --yes to " + verb
                    + " from a script");
        }
        String answer = context.terminal().readLine(question + " [y/N] ");
        return answer != null && (answer.strip().toLowerCase(Locale.ROOT).equals("y") || answer.strip().toLowerCase(Locale.ROOT).equals("yes"));
    }
}
