package org.newsletter.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.ExternalTools;

/**
 * The release archive as someone installing it meets it: unpacked into a temporary folder, away from
 * the checkout, it runs {@code --version}, {@code init}, {@code check} and {@code build} with nothing
 * but a Java on the PATH; it says clearly when the Java is too old; its man page and shell completion
 * know every command. Runs after {@code package} (Failsafe), which makes the archive.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReleaseArchiveIT {

    @TempDir
    static Path dir;

    private static Path release;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("newsletter.release.archive", "target/newsletter-0.1.0-SNAPSHOT.tar.gz"));
        assertThat(archive).as("made by mvn package").isRegularFile();
        Path unpacked = Files.createDirectories(dir.resolve("opt"));
        Result tar = run(unpacked, List.of("tar", "-xzf", archive.toAbsolutePath().toString()), null);
        assertThat(tar.code()).as(tar.err()).isZero();
        try (Stream<Path> top = Files.list(unpacked)) {
            release = top.findFirst().orElseThrow();
        }
        assertThat(release.getFileName().toString()).startsWith("newsletter-");
    }

    @Test
    void itRunsFromWhereverItIsUnpacked() throws Exception {
        Result version = run(dir, List.of(launcher(), "--version"), null);
        assertThat(version.code()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("newsletter ");

        Result init = run(dir, List.of(launcher(), "init", "riverside", "--organisation", "Riverside Food Bank",
                "--sender", "news@riverside.example.org", "--base-url", "https://news.riverside.example.org/"), null);
        assertThat(init.code()).as(init.err()).isZero();
        Path workspace = dir.resolve("riverside");
        String issue;
        try (Stream<Path> issues = Files.list(workspace.resolve("newsletters"))) {
            issue = issues.findFirst().orElseThrow().getFileName().toString();
        }

        Result check = run(workspace, List.of(launcher(), "check", issue), null);
        assertThat(check.code()).as(check.out() + check.err()).isZero();
        Result build = run(workspace, List.of(launcher(), "build", issue, "--out", dir.resolve("built").toString()), null);
        assertThat(build.code()).as(build.err()).isZero();
        assertThat(Files.readString(dir.resolve("built/email.html"))).contains("Riverside Food Bank");
        assertThat(dir.resolve("built/message.eml")).isRegularFile();

        // The start-up archive lives in the user's cache, not beside the (maybe read-only) installation.
        try (Stream<Path> cached = Files.walk(dir.resolve("home/.cache/newsletter"))) {
            assertThat(cached.map(path -> path.getFileName().toString())).contains("newsletter.jsa");
        }
        try (Stream<Path> installed = Files.walk(release)) {
            assertThat(installed.map(path -> path.getFileName().toString())).doesNotContain("newsletter.jsa");
        }
    }

    @Test
    void aJavaOlderThan17IsOneClearLine() throws Exception {
        Path oldJava = Files.createDirectories(dir.resolve("jdk-11/bin"));
        Path java = oldJava.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"11.0.22\" 2024-01-16' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        Result result = run(dir, List.of(launcher(), "--version"), oldJava.getParent());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err().lines().toList()).containsExactly("newsletter: needs Java 17 or later; " + java
                + " is Java 11.0.22 (install a newer one, or set JAVA_HOME to it)");
    }

    @Test
    void theManPageAndTheCompletionKnowEveryCommand() throws Exception {
        String man = Files.readString(release.resolve("share/man/man1/newsletter.1"), StandardCharsets.UTF_8);
        Result help = run(dir, List.of(launcher(), "--help"), null);
        List<String> commands = help.out().lines().map(String::strip)
                .filter(line -> line.matches("[a-z]+ {2,}.*")).map(line -> line.split(" ")[0]).filter(name -> !name.equals("help")).toList();
        assertThat(commands).contains("init", "send", "serve", "backup");
        for (String command : commands) {
            assertThat(man).as(command).contains(".SS \"newsletter " + command + "\"");
        }
        assertThat(man).startsWith(".\\\"").contains(".TH NEWSLETTER 1 ").doesNotContain("@COMMANDS@");

        Path completion = release.resolve("share/bash-completion/completions/newsletter");
        Result complete = run(dir, List.of("bash", "-c", "source " + completion + "; COMP_LINE='newsletter lists cr'; COMP_WORDS=(newsletter lists cr);"
                + " COMP_CWORD=2; COMP_POINT=${#COMP_LINE}; _complete_newsletter; echo \"${COMPREPLY[*]}\""), null);
        assertThat(complete.out().strip()).isEqualTo("create");
    }

    @Test
    void theSystemdUnitIsValid() throws Exception {
        Path systemdAnalyze = ExternalTools.require("newsletter.systemd-analyze", "systemd-analyze", "systemd-analyze is not installed: the unit is not checked");
        String unit = Files.readString(release.resolve("share/newsletter/deploy/newsletter-serve.service"))
                .replace("/opt/newsletter", release.toString());
        Path copy = Files.writeString(dir.resolve("newsletter-serve.service"), unit);

        Result verify = run(dir, List.of(systemdAnalyze.toString(), "verify", copy.toString()), null);

        assertThat(verify.out() + verify.err()).as("systemd-analyze verify").isBlank();
        assertThat(unit).contains("ProtectSystem=strict", "ReadWritePaths=/srv/newsletter", "User=newsletter", "NoNewPrivileges=true");
    }

    private static String launcher() {
        return release.resolve("bin/newsletter").toString();
    }

    /** Runs a command with only PATH (this JVM's Java first), a HOME of its own and, when given, JAVA_HOME. */
    private static Result run(Path workingDir, List<String> command, Path javaHome) throws IOException, InterruptedException {
        ProcessBuilder builder = ExternalTools.cleanEnvironment(new ProcessBuilder(new ArrayList<>(command))).directory(workingDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        builder.environment().put("PATH", javaBin + ":/usr/local/bin:/usr/bin:/bin");
        builder.environment().put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        builder.environment().remove("XDG_CACHE_HOME");
        if (javaHome != null) {
            builder.environment().put("JAVA_HOME", javaHome.toString());
        }
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Result(int code, String out, String err) {
    }
}
