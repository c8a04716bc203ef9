package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/**
 * The README's "Start your own newsletter", command by command, through the real command line in a
 * temporary home folder: init, new, an edit, check and preview must each work as written there, so
 * the README cannot drift from what the tool does. The only changes: {@code ~} is the temporary
 * folder, {@code $EDITOR} appends a paragraph, and preview gets {@code --port 0} instead of opening
 * a browser on port 8000 (which something else on this machine may hold).
 */
class StartYourOwnNewsletterTest {

    private static final Pattern URL = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/)");

    @TempDir
    Path home;

    @Test
    void theReadmesStepsTakeANewOrganisationFromNothingToAPreview() throws Exception {
        List<String> steps = readmeSteps();
        assertThat(steps).as("README's steps").anyMatch(s -> s.startsWith("newsletter init "))
                .anyMatch(s -> s.startsWith("newsletter new ")).anyMatch(s -> s.startsWith("newsletter check "))
                .anyMatch(s -> s.startsWith("newsletter preview "));
        Path here = home;
        String previewed = null;
        for (String step : steps) {
            List<String> words = ShellWords.split(step.replace("~", home.toString()));
            switch (words.get(0)) {
                case "export" -> {
                    // puts bin/ on the PATH; this test runs the command line in-process
                }
                case "cd" -> here = here.resolve(words.get(1)).normalize();
                case "$EDITOR" -> Files.writeString(here.resolve(words.get(1)), "\nOur first paragraph, written by hand.\n",
                        java.nio.file.StandardOpenOption.APPEND);
                case "newsletter" -> {
                    List<String> args = new ArrayList<>(words.subList(1, words.size()));
                    if (args.get(0).equals("preview")) {
                        previewed = preview(here, args);
                    } else {
                        Run run = run(here, args);
                        assertThat(run.code()).as(step + "\n" + run.err()).isZero();
                        if (args.get(0).equals("check")) {
                            assertThat(run.err()).as("a clean issue: only the summary").isEqualTo("0 errors, 0 warnings\n");
                            assertThat(run.out()).as(step).isEmpty();
                        } else {
                            assertThat(run.err()).as(step).isEmpty();
                        }
                    }
                }
                default -> throw new AssertionError("the test does not know how to run this README step: " + step);
            }
        }
        assertThat(previewed).as("the email the preview shows").contains("Winter news").contains("Our first paragraph, written by hand.")
                .contains("Riverside Food Bank");
        assertThat(home.resolve("riverside-news/.gitignore")).content().contains(".newsletter/");
        assertThat(home.resolve("riverside-news/templates/README.md")).content().contains("email.html.ftlh");
        assertThat(home.resolve("riverside-news/newsletters/2024-08-first-issue/index.md")).content().contains("date: 2024-08-01");
    }

    /** Starts the preview, fetches the email it shows, and stops it as Ctrl-C would. */
    private String preview(Path here, List<String> args) throws Exception {
        args.remove("--open");
        args.addAll(List.of("--port", "0"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int[] code = {-1};
        Thread server = new Thread(() -> code[0] = Main.run(context(here, out, err), args.toArray(String[]::new)), "readme-preview");
        server.start();
        String body;
        try {
            String url = awaitUrl(out, err, server);
            HttpResponse<String> email = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url).resolve("/email")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(email.statusCode()).as(email.body()).isEqualTo(200);
            body = email.body();
        } finally {
            server.interrupt();
            server.join(30_000);
        }
        assertThat(server.isAlive()).as("preview stopped when interrupted").isFalse();
        assertThat(code[0]).as(err.toString()).isZero();
        return body;
    }

    private static String awaitUrl(StringWriter out, StringWriter err, Thread server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = URL.matcher(out.toString());
            if (m.find()) {
                return m.group(1);
            }
            assertThat(server.isAlive()).as("preview stopped: " + err).isTrue();
            Thread.sleep(20);
        }
        throw new AssertionError("preview printed no URL within 60 s: " + out + err);
    }

    private static Run run(Path here, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(context(here, out, err), args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static CommandContext context(Path here, StringWriter out, StringWriter err) {
        return new CommandContext(new PrintWriter(out, true), new PrintWriter(err, true), here, IssueFixture.CLOCK, Map.of("USER", "tester"));
    }

    /** The commands of the first sh block under "## Start your own newsletter", comments removed. */
    private static List<String> readmeSteps() throws IOException {
        String readme = Files.readString(IssueFixture.REPOSITORY.resolve("README.md"));
        int section = readme.indexOf("\n## Start your own newsletter\n");
        assertThat(section).as("README has a section 'Start your own newsletter'").isPositive();
        int start = readme.indexOf("```sh\n", section) + "```sh\n".length();
        int end = readme.indexOf("```", start);
        List<String> steps = new ArrayList<>();
        for (String line : readme.substring(start, end).lines().toList()) {
            String command = ShellWords.withoutComment(line).strip();
            if (!command.isEmpty()) {
                steps.add(command);
            }
        }
        return steps;
    }

    private record Run(int code, String out, String err) {
    }

    /** Just enough of the shell's word splitting for the README's commands: quotes and comments. */
    static final class ShellWords {

        private ShellWords() {
        }

        static List<String> split(String line) {
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            boolean inWord = false;
            char quote = 0;
            for (char c : line.toCharArray()) {
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                    inWord = true;
                } else if (Character.isWhitespace(c)) {
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                } else {
                    word.append(c);
                    inWord = true;
                }
            }
            if (inWord) {
                words.add(word.toString());
            }
            return words;
        }

        /** The line up to a '#' that starts a word outside quotes. */
        static String withoutComment(String line) {
            char quote = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote != 0) {
                    quote = c == quote ? 0 : quote;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                    return line.substring(0, i);
                }
            }
            return line;
        }
    }
}
