package org.newsletter.web.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests for files the preview must not serve: other files of the issue and workspace, spelled with
 * "..", percent-encoded dots and slashes, backslashes, absolute paths, and a symbolic link inside the
 * outbox that leads out of it. Each is a 404 that gives nothing away. One server for all of them.
 */
class PreviewPathTraversalTest {

    private static final String WEB = "/archive/" + RunningPreview.ISSUE + "/";

    @TempDir
    static Path dir;

    private static RunningPreview preview;

    @BeforeAll
    static void start() throws IOException {
        preview = RunningPreview.start(dir);
        Path outbox = Files.createDirectories(dir.resolve(".newsletter/outbox"));
        Files.writeString(dir.resolve("secret.eml"), "Subject: secret\r\n\r\nsecret\r\n");
        Files.createDirectories(outbox.resolve("link"));
        Files.createSymbolicLink(outbox.resolve("link/secret.eml"), dir.resolve("secret.eml"));
    }

    @AfterAll
    static void stop() throws IOException {
        preview.close();
        assertThat(preview.failures()).as("server failures").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            WEB + "index.md", WEB + "events.yaml", WEB + "%2e%2e/%2e%2e/newsletter.yaml", WEB + "images/%2e%2e/index.md",
            WEB + "images/..%2f..%2f..%2fnewsletter.yaml", WEB + "images%2fbirds.jpg", WEB + "images/birds.jpg/",
            WEB + "images//birds.jpg", WEB + "/etc/passwd", WEB + "%2fetc%2fpasswd", WEB + "file:/etc/passwd",
            WEB + "events/..%2f..%2fnewsletter.yaml.ics", "/archive/other-issue/images/birds.jpg",
            "/archive/%2e%2e/newsletter.yaml", "/outbox/%2e%2e/newsletter.yaml", "/outbox/..%2f..%2f/newsletter.yaml",
            "/outbox/%2e%2e/%2e%2e%2fnewsletter.yaml", "/outbox/x/..%2f..%2fnewsletter.yaml", "/outbox//etc/passwd",
            "/outbox/%2fetc/passwd.eml", "/outbox/.newsletter/newsletter.db", "/outbox/..%5c..%5cnewsletter.yaml/x.eml",
            "/outbox/1-x/%2e%2e%2f%2e%2e%2f%2e%2e%2fnewsletter.yaml", "/outbox/link/secret.eml", "/outbox/link/secret.eml/html"})
    void findsNothing(String path) {
        HttpResponse<String> response = preview.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(response.body()).doesNotContain("secret").doesNotContain("base_url").doesNotContain("title:");
    }

}
