package org.newsletter.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Finds the programs that some tests drive (a browser, checkers), and runs them without ever hanging. */
public final class ExternalTools {

    private ExternalTools() {
    }

    /**
     * The executable named by system property {@code property} if set, else {@code name} on the PATH.
     * Skips the calling test (or class, from {@code @BeforeAll}) with {@code hint} when it is missing.
     */
    public static Path require(String property, String name, String hint) {
        Path found = find(property, name);
        Assumptions.assumeTrue(found != null, () -> hint + " [no executable: " + describe(property, name) + "]");
        return found;
    }

    /** As {@link #require}, but null when missing, for code that must not abort (e.g. a {@code @BeforeAll}). */
    public static Path find(String property, String name) {
        String configured = System.getProperty(property, "").trim();
        Path found = configured.isEmpty() ? onPath(name) : Path.of(configured);
        return found != null && Files.isRegularFile(found) && Files.isExecutable(found) ? found : null;
    }

    private static String describe(String property, String name) {
        String configured = System.getProperty(property, "").trim();
        return configured.isEmpty() ? name + " on the PATH" : configured + " (-D" + property + ")";
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /**
     * The variables a program started by a test keeps from this JVM's environment: where programs
     * are, the home folder, and the locale (so a child JVM encodes file names and output as this one
     * does). Nothing else: a developer's NEWSLETTER_DATABASE_URL or NEWSLETTER_TRANSPORT must never
     * reach a process a test starts, which would then write into that database or send through that
     * server.
     */
    public static final List<String> INHERITED_VARIABLES = List.of("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE");

    /**
     * Empties {@code builder}'s environment but for {@link #INHERITED_VARIABLES}; the caller adds
     * what its program needs. Every process a test starts goes through here.
     */
    public static ProcessBuilder cleanEnvironment(ProcessBuilder builder) {
        Map<String, String> environment = builder.environment();
        environment.clear();
        for (String name : INHERITED_VARIABLES) {
            String value = System.getenv(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        return builder;
    }

    /** What a finished program printed. */
    public record Result(int exitCode, String out, String err) {
    }

    /**
     * Runs {@code command} with {@code stdin} (a file, or null for none) as its input. Its output goes to
     * temporary files, so a chatty program can never block on a full pipe; past {@code timeout} it is
     * killed and an AssertionError says so.
     */
    public static Result run(List<String> command, Path stdin, Duration timeout) {
        return run(command, stdin, timeout, Map.of());
    }

    /** As {@link #run(List, Path, Duration)}, with some environment variables set besides {@link #INHERITED_VARIABLES}. */
    public static Result run(List<String> command, Path stdin, Duration timeout, Map<String, String> environment) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("tool-out-", ".txt");
            err = Files.createTempFile("tool-err-", ".txt");
            ProcessBuilder builder = cleanEnvironment(new ProcessBuilder(command))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            builder.redirectInput(stdin != null ? ProcessBuilder.Redirect.from(stdin.toFile())
                    : ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process process = builder.start();
            boolean finished;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finished = false;
            }
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new AssertionError(command + " did not finish within " + timeout + " and was killed; it printed:\n"
                        + read(out) + read(err));
            }
            return new Result(process.exitValue(), read(out),
                    read(err));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Lenient about bytes that are not UTF-8: a report may quote the message raw. */
    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
