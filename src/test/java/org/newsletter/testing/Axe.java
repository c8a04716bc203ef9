package org.newsletter.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * axe-core, Deque's accessibility engine, run inside the page the browser shows. Its {@code axe.min.js}
 * (MPL 2.0, licence header kept in the file) comes from the test dependency
 * {@code com.deque.html.axe-core:selenium}, whose jar carries it; the script is injected and run here,
 * without that library's Java API or its webdriver downloader.
 */
public final class Axe {

    /**
     * axe rules switched off for an email only; web.html and every page of the site keep them all. An
     * email is shown inside the mail client's own page, which supplies the landmarks around it; mail
     * clients strip or ignore {@code <main>}, {@code <nav>} and ARIA landmark roles in messages.
     */
    public static final Set<String> EMAIL_ONLY_DISABLED_RULES = Set.of(
            // "All page content should be contained by landmarks": the client's page has them, not the message.
            "region",
            // "Document should have one main landmark": Gmail and Outlook drop <main> and role=main from messages.
            "landmark-one-main");

    /** The impacts a page must have none of. */
    public static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");

    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            const rules = {};
            for (const id of arguments[0]) rules[id] = {enabled: false};
            axe.run(document, {resultTypes: ['violations'], rules: rules, iframes: false})
                .then(r => done(r.violations.map(v => ({
                    id: v.id, impact: v.impact || '', help: v.help,
                    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + (n.failureSummary
                        ? ' (' + n.failureSummary.replace(/\\s+/g, ' ').trim() + ')' : ''))
                }))))
                .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));
            """;

    private final String source;

    private Axe(String source) {
        this.source = source;
    }

    /** Reads axe.min.js from the class path. */
    public static Axe load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test class path (dependency com.deque.html.axe-core:selenium)");
            }
            return new Axe(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One rule broken on the page: its id, impact, what it asks for, and up to five of the elements. */
    public record Violation(String id, String impact, String help, List<String> nodes) {
        @Override
        public String toString() {
            return impact + " " + id + ": " + help + " " + nodes;
        }
    }

    /**
     * Runs axe over the document {@code driver} is in now, with the rules in {@code disabled} switched
     * off, and returns its violations of impact serious or critical. Frames are not entered (axe would
     * wait for a copy of itself in each): a test audits a frame's document by switching to it.
     */
    @SuppressWarnings("unchecked")
    public List<Violation> seriousViolations(ChromeDriver driver, Set<String> disabled) {
        driver.executeScript(source);
        Duration previous = driver.manage().timeouts().getScriptTimeout();
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        try {
            List<Map<String, Object>> raw = (List<Map<String, Object>>) driver.executeAsyncScript(RUN, List.copyOf(disabled));
            return raw.stream()
                    .map(m -> new Violation((String) m.get("id"), (String) m.get("impact"), (String) m.get("help"), (List<String>) m.get("nodes")))
                    .filter(v -> FAILING_IMPACTS.contains(v.impact()))
                    .toList();
        } finally {
            driver.manage().timeouts().scriptTimeout(previous);
        }
    }

    /** Emulates the reader's colour-scheme preference ({@code prefers-color-scheme}) through the DevTools protocol. */
    public static void emulateColorScheme(ChromeDriver driver, String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }
}
