package org.newsletter.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.newsletter.cli.Main;

/**
 * A throw-away copy of this repository's own workspace (newsletter.yaml and newsletters/), for tests
 * that build the real seed issue. Nothing here reads files left by an earlier build.
 */
public final class TestWorkspace {

    /** The real issue this repository ships as its example. */
    public static final String SEED_ISSUE = "2024-08-team-update";

    private static final Pattern BASE_URL = Pattern.compile("(?m)^base_url:.*$");

    private final Path root;

    private TestWorkspace(Path root) {
        this.root = root;
    }

    /** The repository checkout the tests run in: the nearest folder upwards with pom.xml and newsletter.yaml. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("newsletter.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (pom.xml + newsletter.yaml) above " + Path.of("").toAbsolutePath());
    }

    /** Copies the repository's newsletter.yaml and newsletters/ into {@code target} (which may exist, empty). */
    public static TestWorkspace copyOfRepository(Path target) {
        Path source = repositoryRoot();
        try {
            Files.createDirectories(target);
            Files.copy(source.resolve("newsletter.yaml"), target.resolve("newsletter.yaml"));
            Path newsletters = source.resolve("newsletters");
            try (Stream<Path> paths = Files.walk(newsletters)) {
                for (Path path : paths.toList()) {
                    Path copy = target.resolve("newsletters").resolve(newsletters.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(path, copy);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the workspace into " + target, e);
        }
        return new TestWorkspace(target);
    }

    public Path root() {
        return root;
    }

    /** Points the workspace at another site address, e.g. a local test server. */
    public TestWorkspace withBaseUrl(String baseUrl) {
        Path config = root.resolve("newsletter.yaml");
        try {
            String yaml = Files.readString(config, StandardCharsets.UTF_8);
            Matcher matcher = BASE_URL.matcher(yaml);
            assertThat(matcher.find()).as("base_url line in %s", config).isTrue();
            Files.writeString(config, matcher.replaceFirst(Matcher.quoteReplacement("base_url: " + baseUrl)),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** What {@code newsletter build} printed, and where it wrote. */
    public record Build(Path folder, String out, String err) {

        public Path file(String relative) {
            return folder.resolve(relative);
        }
    }

    /** Runs {@code newsletter build ISSUE --out OUT} in this workspace and asserts that it succeeded. */
    public Build build(String issue, Path out) {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = Main.run(new PrintWriter(stdout, true), new PrintWriter(stderr, true), root,
                "build", issue, "--out", out.toAbsolutePath().toString());
        assertThat(code).as("newsletter build %s exit code; stderr:%n%s", issue, stderr).isZero();
        return new Build(out.toAbsolutePath(), stdout.toString(), stderr.toString());
    }

    /** Builds the seed issue. */
    public Build buildSeedIssue(Path out) {
        return build(SEED_ISSUE, out);
    }
}
