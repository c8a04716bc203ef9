package org.newsletter.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * A usage mistake, exit 2. A value that cannot be used is one line saying what is wrong with it
 * ({@code --date 2024-11-31: November has 30 days}); an unknown command or option says what was
 * probably meant; a mistake in the shape of the command line adds one hint where to look.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

    private final PrintWriter err;

    UsageErrorHandler(PrintWriter err) {
        this.err = err;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        UnmatchedArgumentException unmatched = e instanceof UnmatchedArgumentException u ? u : unmatchedBehind(e);
        if (unmatched != null) {
            err.println("newsletter: " + unknown(unmatched));
            hint(command);
        } else if (e.getCause() instanceof TypeConversionException conversion) {
            err.println("newsletter: " + badValue(e.getArgSpec(), conversion));
        } else if (e.getClass() == ParameterException.class) {
            // Thrown by a command about a value it was given: the message is complete.
            err.println("newsletter: " + e.getMessage());
        } else {
            err.println("newsletter: " + e.getMessage());
            hint(command);
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    /**
     * picocli reports a missing required option before an unknown one, but in {@code send x --lst
     * news} the unknown {@code --lst} is the mistake and the missing {@code --list} its consequence.
     */
    private static UnmatchedArgumentException unmatchedBehind(ParameterException e) {
        CommandLine command = e.getCommandLine();
        CommandLine.ParseResult result = command.getParseResult();
        if (result == null || result.unmatched().isEmpty()) {
            return null;
        }
        return new UnmatchedArgumentException(command, result.unmatched());
    }

    private static String unknown(UnmatchedArgumentException e) {
        List<String> arguments = e.getUnmatched();
        String first = arguments.isEmpty() ? "" : arguments.get(0);
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        if (first.startsWith("-")) {
            List<String> options = spec.options().stream().filter(o -> !o.hidden()).flatMap(o -> Stream.of(o.names())).toList();
            return "Unknown option '" + first + "'." + meant(first, options, e);
        }
        if (!spec.subcommands().isEmpty()) {
            List<String> commands = spec.subcommands().entrySet().stream()
                    .filter(c -> !c.getValue().getCommandSpec().usageMessage().hidden()).map(Map.Entry::getKey).toList();
            return "Unknown command '" + first + "'." + meant(first, commands, e);
        }
        return "Unexpected argument '" + first + "'.";
    }

    /**
     * The closest name by typing mistakes; else picocli's own guess (a shared prefix for options, a
     * similar spelling for commands), which catches some that are further off.
     */
    private static String meant(String typed, List<String> known, UnmatchedArgumentException e) {
        return Suggestion.closest(typed, known).or(() -> e.getSuggestions().stream().findFirst())
                .map(name -> " Did you mean '" + name + "'?").orElse("");
    }

    private static String badValue(ArgSpec spec, TypeConversionException conversion) {
        if (spec instanceof OptionSpec option) {
            return option.longestName() + " " + conversion.getMessage();
        }
        return conversion.getMessage();
    }

    private void hint(CommandLine command) {
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
    }
}
