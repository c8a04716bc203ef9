package org.newsletter.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Known link scanners, previewers and scripts by their User-Agent, from the resource file
 * {@code scanner-agents.txt} beside this class (a list, so it can be kept up to date without touching code).
 */
final class ScannerAgents {

    private static final String FILE = "scanner-agents.txt";

    private final List<String> fragments;

    ScannerAgents(List<String> fragments) {
        this.fragments = fragments.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList();
    }

    /** The list this tool ships. */
    static ScannerAgents bundled() {
        try (InputStream in = ScannerAgents.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + FILE);
            }
            return new ScannerAgents(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }

    /** Whether a request with this User-Agent (null: none sent) is a machine's. */
    boolean automated(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        String lower = userAgent.toLowerCase(Locale.ROOT);
        for (String fragment : fragments) {
            if (lower.contains(fragment)) {
                return true;
            }
        }
        return false;
    }
}
