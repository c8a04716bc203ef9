package org.newsletter.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.newsletter.cli.Terminal;

/** Someone at the keyboard who gives the answers they were given, in order, and whose questions are kept. */
public final class ScriptedTerminal implements Terminal {

    private final Deque<String> answers;
    private final List<String> prompts = new ArrayList<>();

    public ScriptedTerminal(String... answers) {
        this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public String readLine(String prompt) {
        prompts.add(prompt);
        return answers.poll();
    }

    /** The questions asked so far. */
    public List<String> prompts() {
        return List.copyOf(prompts);
    }
}
