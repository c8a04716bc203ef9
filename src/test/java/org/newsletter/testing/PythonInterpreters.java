package org.newsletter.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The Python interpreters a test may try for a Debian package (python3-dkim, python3-icalendar):
 * {@code -Dnewsletter.python3} if set, else {@code python3} on the PATH and then {@code /usr/bin/python3}.
 * A pyenv or virtualenv {@code python3} first on the PATH does not see Debian's packages; the system one does.
 */
final class PythonInterpreters {

    private PythonInterpreters() {
    }

    static Set<Path> candidates() {
        Set<Path> candidates = new LinkedHashSet<>();
        String configured = System.getProperty("newsletter.python3", "").trim();
        Path onPath = ExternalTools.find("newsletter.python3", "python3");
        if (onPath != null) {
            candidates.add(onPath);
        }
        Path system = Path.of("/usr/bin/python3");
        if (configured.isEmpty() && Files.isRegularFile(system) && Files.isExecutable(system)) {
            candidates.add(system);
        }
        return candidates;
    }
}
