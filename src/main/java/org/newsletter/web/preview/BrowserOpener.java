package org.newsletter.web.preview;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Opens a page in the user's browser for {@code preview --open}: through the desktop (java.awt.Desktop)
 * where Java has one, else with {@code xdg-open}. Never fails: when neither works it says why, and the
 * URL is printed anyway for the user to open.
 */
public final class BrowserOpener {

    private final List<String> fallback;

    /** @param fallback the command that opens a URL given as its last argument, e.g. {@code xdg-open} */
    public BrowserOpener(List<String> fallback) {
        this.fallback = List.copyOf(fallback);
    }

    public static BrowserOpener system() {
        return new BrowserOpener(List.of("xdg-open"));
    }

    /** Empty when a browser was asked to open {@code url}; otherwise why not, in one line. */
    public Optional<String> open(URI url) {
        String desktopProblem = openOnDesktop(url);
        if (desktopProblem == null) {
            return Optional.empty();
        }
        List<String> command = new java.util.ArrayList<>(fallback);
        command.add(url.toString());
        try {
            // Not waited for: some openers stay until the browser closes. Their output is not ours to show.
            new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(desktopProblem + ", and " + String.join(" ", fallback) + " could not be run (" + e.getMessage() + ")");
        }
    }

    /** Null when the desktop opened it, else why it could not. */
    private static String openOnDesktop(URI url) {
        if (GraphicsEnvironment.isHeadless() || !Desktop.isDesktopSupported()
                || !Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
            return "Java has no desktop here";
        }
        try {
            Desktop.getDesktop().browse(url);
            return null;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "the desktop could not open a browser (" + e.getMessage() + ")";
        }
    }
}
