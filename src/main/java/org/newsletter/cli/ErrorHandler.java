package org.newsletter.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.newsletter.model.InvalidInputException;
import org.newsletter.store.DatabaseBusyException;
import org.newsletter.store.StoreFailures;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The one place errors become output: one clear line each on stderr, exit code 1; the stack trace
 * only with --verbose. Input errors print every problem found, each with its file and line.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    private final PrintWriter err;
    private final NewsletterCommand root;
    private final DiagnosticPrinter printer;

    ErrorHandler(PrintWriter err, NewsletterCommand root, DiagnosticPrinter printer) {
        this.err = err;
        this.root = root;
        this.printer = printer;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        if (e instanceof InvalidInputException invalid) {
            invalid.diagnostics().forEach(printer::print);
        } else if (DatabaseBusyException.causedBy(e)) {
            err.println("newsletter: error: " + DatabaseBusyException.MESSAGE);
        } else if (StoreFailures.explain(e).isPresent()) {
            err.println("newsletter: error: " + StoreFailures.explain(e).get());
        } else if (e instanceof UncheckedIOException io) {
            err.println("newsletter: error: " + io.getMessage() + ": " + io.getCause().getMessage());
        } else {
            err.println("newsletter: error: " + describe(e));
        }
        if (root.verbose()) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.FAILED;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
