package org.newsletter.testing;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.newsletter.cli.CommandContext;
import org.newsletter.cli.Main;
import org.newsletter.cli.StopSignals;
import org.newsletter.cli.Terminal;

/**
 * A workspace in a temporary folder for tests: a newsletter.yaml, issues written by the test or
 * copied from the repository, and a way to run the real command line in it.
 */
public final class IssueFixture {

    /** The repository root (Maven runs tests there), which is itself the example workspace. */
    public static final Path REPOSITORY = Path.of("").toAbsolutePath();
    /** The real issue this repository ships as its example. */
    public static final String SEED_ISSUE = "2024-08-team-update";
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2024-08-01T09:00:00Z"), ZoneOffset.UTC);

    public static final String CONFIG = """
            organisation: Test Network
            postal_address: 1 Test Street, London
            base_url: https://news.example.org/
            sender: "Test Network <news@example.org>"
            reply_to: hello@example.org
            language: en-GB
            timezone: Europe/London
            reason: You signed up at example.org.
            """;

    private final Path root;
    private final Map<String, String> environment = new HashMap<>();
    private volatile Clock clock;
    private volatile StopSignals signals = StopSignals.NONE;

    private IssueFixture(Path root) {
        this.root = root;
        environment.put("USER", "tester");
    }

    /** Runs the commands with this clock (a {@link MutableClock} a test moves) instead of one that ticks from {@link #CLOCK}. */
    public IssueFixture clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Commands this fixture runs hear stop requests from {@code signals} (a {@link StopButton}) instead of from nothing. */
    public IssueFixture signals(StopSignals signals) {
        this.signals = signals;
        return this;
    }

    /** Sets an environment variable for the commands this fixture runs. */
    public IssueFixture env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** An empty workspace with the standard test configuration. */
    public static IssueFixture in(Path dir) {
        IssueFixture fixture = new IssueFixture(dir);
        fixture.write("newsletter.yaml", CONFIG);
        return fixture;
    }

    /** A workspace with the repository's newsletter.yaml and example issues. */
    public static IssueFixture copyOfRepository(Path dir) {
        IssueFixture fixture = new IssueFixture(dir);
        try {
            Files.createDirectories(dir);
            copyTree(REPOSITORY.resolve("newsletters"), dir.resolve("newsletters"));
            Files.copy(REPOSITORY.resolve("newsletter.yaml"), dir.resolve("newsletter.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fixture;
    }

    public Path root() {
        return root;
    }

    /** The environment the commands see: only what was set with {@link #env}, and USER. */
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    /** Points the workspace at another site address, e.g. a local test server. */
    public IssueFixture withBaseUrl(String baseUrl) {
        String config = read("newsletter.yaml");
        String changed = config.replaceFirst("(?m)^base_url:.*$", java.util.regex.Matcher.quoteReplacement("base_url: " + baseUrl));
        if (changed.equals(config)) {
            throw new IllegalStateException("no base_url line in newsletter.yaml");
        }
        write("newsletter.yaml", changed);
        return this;
    }

    /** Builds the seed issue into {@code out} and fails the test with stderr if that did not work. */
    public Path buildSeedIssue(Path out) {
        Run run = run("build", SEED_ISSUE, "--out", out.toAbsolutePath().toString());
        if (run.exitCode() != 0) {
            throw new AssertionError("newsletter build " + SEED_ISSUE + " failed:\n" + run.err());
        }
        return out.toAbsolutePath();
    }

    public Path write(String relative, String content) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public String read(String relative) {
        try {
            return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes newsletters/SLUG/index.md (and events.yaml when given). */
    public Path issue(String slug, String index, String events) {
        write("newsletters/" + slug + "/index.md", index);
        if (events != null) {
            write("newsletters/" + slug + "/events.yaml", events);
        }
        return root.resolve("newsletters/" + slug);
    }

    /** Runs the real command line in the workspace root, with no terminal (as a script does). */
    public Run run(String... args) {
        return run(Terminal.NONE, new StringWriter(), new StringWriter(), args);
    }

    /** Runs the real command line in the workspace root with someone at {@code terminal} to answer its questions. */
    public Run run(Terminal terminal, String... args) {
        return run(terminal, new StringWriter(), new StringWriter(), args);
    }

    private Run run(Terminal terminal, StringWriter out, StringWriter err, String... args) {
        // The day is CLOCK's, so builds and checks see the same "today"; but time passes, as retry
        // schedules and rate limits need.
        Clock ticking = clock != null ? clock : Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), CLOCK.instant()));
        int code = Main.run(new CommandContext(new PrintWriter(out, true), new PrintWriter(err, true), root, ticking, environment, terminal,
                signals), args);
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * Starts the real command line on a thread of its own, for a test that acts while it runs (say,
     * once it has printed how many recipients there are).
     */
    public Started start(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Run> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                done.complete(run(Terminal.NONE, out, err, args));
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "newsletter " + String.join(" ", args));
        thread.setDaemon(true);
        thread.start();
        return new Started(out, err, done);
    }

    /** A command started by {@link #start}. */
    public static final class Started {
        private final StringWriter out;
        private final StringWriter err;
        private final CompletableFuture<Run> done;

        private Started(StringWriter out, StringWriter err, CompletableFuture<Run> done) {
            this.out = out;
            this.err = err;
            this.done = done;
        }

        /** What the command printed to stdout so far. */
        public String out() {
            return out.toString();
        }

        /** What the command printed to stderr so far. */
        public String err() {
            return err.toString();
        }

        /** Waits up to {@code limit} until the command has printed {@code text} to stdout; fails the test otherwise. */
        public void awaitOutput(String text, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (!out.toString().contains(text)) {
                if (done.isDone() || System.nanoTime() > deadline) {
                    throw new AssertionError("the command did not print '" + text + "'" + (done.isDone() ? " before it ended" : " within " + limit)
                            + "; it printed:\n" + out);
                }
                Thread.sleep(10);
            }
        }

        /** Completes with the outcome when the command has ended. */
        public CompletableFuture<Run> done() {
            return done;
        }
    }

    /** The outcome of one command. */
    public record Run(int exitCode, String out, String err) {
        public String[] errLines() {
            return err.isEmpty() ? new String[0] : err.split("\n");
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
