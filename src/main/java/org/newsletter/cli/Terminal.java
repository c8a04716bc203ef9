package org.newsletter.cli;

import java.io.Console;

/**
 * The person at the keyboard, if there is one: commands that are about to do something that cannot be
 * undone (sending a campaign) ask them to confirm, and refuse in scripts unless told {@code --yes}.
 */
public interface Terminal {

    /** No one to ask: scripts, CI, tests. */
    Terminal NONE = new Terminal() {
        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public String readLine(String prompt) {
            throw new IllegalStateException("no terminal to ask");
        }
    };

    boolean interactive();

    /** Shows {@code prompt} and reads one line; null at end of input. */
    String readLine(String prompt);

    /** The process's console when both input and output are a terminal. */
    static Terminal system() {
        Console console = System.console();
        if (console == null) {
            return NONE;
        }
        return new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public String readLine(String prompt) {
                return console.readLine("%s", prompt);
            }
        };
    }
}
