package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.ExternalTools;
import org.newsletter.testing.IssueFixture;

/**
 * {@code bin/newsletter}'s first run, as a new user without a terminal meets it: one line saying it
 * builds the jar and about how long that takes, none of Maven's output and no escape codes; a failed
 * build says where to look. The script runs on a copy of the checkout's layout with a stand-in for
 * the Maven wrapper {@code mvnw} (which talks as noisily as Debian's Maven, colour escapes included)
 * and one for {@code java} first on the PATH, so the test takes a second rather than a real build's
 * minute.
 */
class LauncherScriptTest {

    private static final String ESC = "\u001b";

    @TempDir
    Path dir;

    private Path checkout;
    private Path fakes;

    @BeforeEach
    void copyOfTheCheckout() throws IOException {
        checkout = Files.createDirectories(dir.resolve("checkout"));
        Files.createDirectories(checkout.resolve("bin"));
        Files.copy(IssueFixture.REPOSITORY.resolve("bin/newsletter"), checkout.resolve("bin/newsletter"));
        Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(checkout.resolve("src/main/java"));
        Files.writeString(checkout.resolve("src/main/java/Main.java"), "class Main {}\n");
        fakes = Files.createDirectories(dir.resolve("fake-bin"));
        executable(checkout.resolve("mvnw"), """
                #!/bin/sh
                printf '\\033[0m\\033[0m[INFO] Scanning for projects...\\n[INFO] Downloading from central: https://repo.maven.apache.org/...\\n'
                printf '\\033[0m' >&2
                if [ -n "${FAKE_MVN_FAILS:-}" ]; then
                  printf '\\033[1;31m[ERROR]\\033[m COMPILATION ERROR : Main.java:[1,1] something is wrong\\n'
                  exit 1
                fi
                mkdir -p target && echo jar > target/newsletter.jar
                """);
        executable(fakes.resolve("java"), """
                #!/bin/sh
                if [ "$1" = -version ]; then echo 'openjdk version "17.0.15" 2025-04-15' >&2; exit 0; fi
                for last; do :; done
                echo "java ran: $last"
                """);
    }

    @Test
    void theFirstRunSaysOnceThatItBuildsAndNothingElse() throws Exception {
        Result first = run(false, "--version");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err().lines().toList()).containsExactly("newsletter: building the jar (first run: a minute or two)...");
        assertThat(first.out().lines().toList()).containsExactly("java ran: --version");
        assertThat(first.err() + first.out()).doesNotContain(ESC);
        assertThat(Files.readString(checkout.resolve("target/build.log"))).contains("Scanning for projects");

        Result second = run(false, "--version");
        assertThat(second.err()).as("the jar is up to date").isEmpty();
        assertThat(second.out().lines().toList()).containsExactly("java ran: --version");
    }

    @Test
    void aFailedBuildShowsMavensErrorsAndWhereTheWholeLogIs() throws Exception {
        Result failed = run(true, "--version");
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.out()).as("newsletter itself did not run").isEmpty();
        assertThat(failed.err()).doesNotContain(ESC);
        assertThat(failed.err().lines().toList()).containsExactly(
                "newsletter: building the jar (first run: a minute or two)...",
                "[ERROR] COMPILATION ERROR : Main.java:[1,1] something is wrong",
                "newsletter: building the jar failed; Maven's whole output is in " + checkout.toRealPath().resolve("target/build.log")
                        + " (or run './mvnw -B package' in " + checkout.toRealPath() + ")");
    }

    private Result run(boolean mavenFails, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", checkout.resolve("bin/newsletter").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = ExternalTools.cleanEnvironment(new ProcessBuilder(command))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        builder.environment().put("PATH", fakes + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("HOME", dir.toString());
        if (mavenFails) {
            builder.environment().put("FAKE_MVN_FAILS", "1");
        }
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("bin/newsletter finished").isTrue();
        return new Result(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Result(int code, String out, String err) {
    }
}
