package org.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The code is laid out in the order its data flows (README, "Code layout"): each package may use
 * only the packages listed for it here. A reference to any other, by import or by a fully qualified
 * name, fails this test, naming the file; so does a package missing from the list, so that a new one
 * is placed on purpose.
 */
class PackageLayoutTest {

    private static final Path SOURCES = Path.of("src/main/java/org/newsletter");
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.newsletter\\.([a-z][a-z0-9]*(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

    /** Package → what it may use (the README's code-layout table lists them in the order the data flows). */
    private static final Map<String, Set<String>> MAY_USE = new TreeMap<>(Map.ofEntries(
            Map.entry("model", Set.of()),
            Map.entry("yaml", Set.of("model")),
            Map.entry("config", Set.of("model", "yaml")),
            Map.entry("compose", Set.of("model", "yaml")),
            Map.entry("render", Set.of("model")),
            // The transports take their settings records from config (SMTP, the DKIM key file).
            Map.entry("mail", Set.of("model", "config")),
            Map.entry("message", Set.of("model", "render", "mail")),
            Map.entry("issue", Set.of("model", "config", "compose", "render", "mail", "message")),
            Map.entry("store.csv", Set.of("model")),
            Map.entry("store.segment", Set.of("model")),
            Map.entry("store.internal", Set.of("model", "store.csv", "store.segment")),
            Map.entry("store", Set.of("model", "store.internal", "store.csv", "store.segment")),
            Map.entry("store.imports", Set.of("model", "store", "store.internal", "store.csv", "store.segment")),
            Map.entry("send", Set.of("model", "config", "render", "mail", "message", "store", "store.segment")),
            Map.entry("web", Set.of("model", "config", "render", "mail", "message", "issue", "store")),
            Map.entry("web.preview", Set.of("model", "config", "compose", "render", "mail", "message", "issue", "store", "web")),
            // The bounce mailbox's settings record is config's.
            Map.entry("bounce", Set.of("model", "config", "mail", "store")),
            Map.entry("doctor", Set.of("model", "config", "mail")),
            Map.entry("cli", Set.of("*"))));

    @Test
    void everyPackageUsesOnlyWhatItMay() throws IOException {
        List<String> violations = new ArrayList<>();
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String own = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                packages.add(own);
                Set<String> allowed = MAY_USE.get(own);
                if (allowed == null) {
                    violations.add(file + ": package " + own + " is not in the layout; add it to MAY_USE and the README");
                    continue;
                }
                if (allowed.contains("*")) {
                    continue;
                }
                Matcher m = REFERENCE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                Set<String> reported = new HashSet<>();
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(own) && !allowed.contains(used) && reported.add(used)) {
                        violations.add(file + ": " + own + " uses " + used);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
        assertThat(packages).as("packages found").contains("model", "message", "issue", "store.imports", "store.internal", "send", "cli");
    }

    @Test
    void nothingButTheCommandLineUsesSend() {
        MAY_USE.forEach((pkg, uses) -> {
            if (!pkg.equals("cli")) {
                assertThat(uses).as(pkg).doesNotContain("send");
            }
        });
    }

    /**
     * The README's code-layout table is the map a newcomer reads: one row per package, in an order where
     * each comes after every package it uses, and its "uses" column is exactly what this test enforces.
     */
    @Test
    void theReadmeTableShowsEveryPackageWithWhatItUsesInTheOrderTheDataFlows() throws IOException {
        Map<String, Set<String>> table = new TreeMap<>();
        List<String> order = new ArrayList<>();
        List<String> readme = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = 0;
        while (start < readme.size() && !readme.get(start).startsWith("Code layout (`src/main/java/org/newsletter`)")) {
            start++;
        }
        assertThat(start).as("README has the code-layout paragraph").isLessThan(readme.size());
        int row = start;
        while (row < readme.size() && !readme.get(row).startsWith("| package |")) {
            row++;
        }
        for (row += 2; row < readme.size() && readme.get(row).startsWith("| `"); row++) {
            String[] cells = readme.get(row).split(" \\| ");
            String pkg = cells[0].replaceAll("[|` ]", "");
            String uses = cells[cells.length - 1].replaceAll(" \\|$", "").strip();
            Set<String> used = uses.startsWith("everything") ? Set.of("*")
                    : uses.equals("nothing") ? Set.of() : new TreeSet<>(List.of(uses.split(", ")));
            for (String before : used) {
                assertThat(before.equals("*") || order.contains(before)).as("README: " + pkg + " uses " + before + ", which must come before it")
                        .isTrue();
            }
            order.add(pkg);
            table.put(pkg, used);
        }
        assertThat(table).as("README's code-layout table against MAY_USE").isEqualTo(MAY_USE);
    }

    @Test
    void theLayoutHasNoCycles() {
        // Depth-first search over MAY_USE: a package reached again while still on the path is a cycle.
        Set<String> done = new HashSet<>();
        for (String pkg : MAY_USE.keySet()) {
            visit(pkg, new ArrayList<>(), done);
        }
        assertThat(done).containsAll(MAY_USE.keySet());
    }

    private static void visit(String pkg, List<String> path, Set<String> done) {
        assertThat(path).as("cycle through " + path).doesNotContain(pkg);
        if (done.contains(pkg) || pkg.equals("cli")) {
            done.add(pkg);
            return;
        }
        path.add(pkg);
        for (String used : MAY_USE.getOrDefault(pkg, Set.of())) {
            visit(used, path, done);
        }
        path.remove(path.size() - 1);
        done.add(pkg);
    }
}
