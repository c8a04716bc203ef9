package org.newsletter.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.newsletter.model.Diagnostic;
import org.newsletter.model.SourcePosition;

/** Prints findings one per line, with paths relative to where the user is, as compilers do. */
final class DiagnosticPrinter {

    private final PrintWriter err;
    private final Path workingDir;

    DiagnosticPrinter(PrintWriter err, Path workingDir) {
        this.err = err;
        this.workingDir = workingDir.toAbsolutePath().normalize();
    }

    void print(Diagnostic diagnostic) {
        SourcePosition at = diagnostic.position();
        Path file = at.file();
        if (file.isAbsolute() && file.startsWith(workingDir) && !file.equals(workingDir)) {
            file = workingDir.relativize(file);
        }
        err.println(new Diagnostic(diagnostic.severity(), new SourcePosition(file, at.line(), at.column()), diagnostic.message()));
    }
}
