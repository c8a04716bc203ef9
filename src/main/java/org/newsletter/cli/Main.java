package org.newsletter.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.newsletter.model.EmailAddress;
import picocli.CommandLine;

/** Entry point. {@link #run} is what tests call: the same command line, with its streams and folder given. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // SLF4J 2 announces its provider on stderr at startup; that would break one-line error output.
        System.setProperty("slf4j.internal.verbosity", "WARN");
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(new CommandContext(out, err, Path.of("").toAbsolutePath(), Clock.systemDefaultZone(), System.getenv(), Terminal.system(),
                StopSignals.system(err)), args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line and returns its exit code: 0 done, 1 failed or lint errors, 2 usage error. */
    public static int run(CommandContext context, String... args) {
        int code = commandLine(context, CommandCatalog.neededFor(args)).execute(args);
        context.out().flush();
        context.err().flush();
        return code;
    }

    /** Every command, wired to {@code context}'s streams and error handling. */
    static CommandLine commandLine(CommandContext context) {
        return commandLine(context, CommandCatalog.all());
    }

    /** The root command with {@code commands} under it, wired to {@code context}'s streams and error handling. */
    private static CommandLine commandLine(CommandContext context, List<Class<?>> commands) {
        NewsletterCommand root = new NewsletterCommand();
        CommandLine commandLine = new CommandLine(root, new ContextFactory(context));
        // Before the settings below, which apply to the subcommands already there.
        commands.forEach(commandLine::addSubcommand);
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        commandLine.setExecutionExceptionHandler(new ErrorHandler(context.err(), root, new DiagnosticPrinter(context.err(), context.workingDir())));
        commandLine.setParameterExceptionHandler(new UsageErrorHandler(context.err()));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // Help fits the terminal, every command's (the annotation covers only the root); without one, 80 columns.
        commandLine.setUsageHelpAutoWidth(true);
        // Once for every command: an EMAIL or a date argument is validated where it is parsed, as a usage error.
        commandLine.registerConverter(EmailAddress.class, new EmailAddressConverter());
        commandLine.registerConverter(LocalDate.class, new DateConverter());
        return commandLine;
    }

    /** Convenience for tests: run with the given streams and folder, the system clock. */
    public static int run(PrintWriter out, PrintWriter err, Path workingDir, String... args) {
        return run(new CommandContext(out, err, workingDir, Clock.systemDefaultZone(), java.util.Map.of()), args);
    }
}
