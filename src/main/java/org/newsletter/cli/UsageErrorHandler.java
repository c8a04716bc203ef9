package org.newsletter.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** A usage mistake: one line saying what, one hint where to look, exit 2. */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

    private final PrintWriter err;

    UsageErrorHandler(PrintWriter err) {
        this.err = err;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        err.println("newsletter: " + e.getMessage());
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCodes.USAGE;
    }
}
