package org.newsletter.web.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image of the previewed issue replaced by a link out of the issue folder: the preview says so and serves nothing. */
class PreviewSymlinkTest {

    private static final String SECRET = "root:x:0:0:root:/root:/bin/bash";

    @TempDir
    Path dir;

    @Test
    void anImageThatBecomesALinkOutOfTheFolderIsAnErrorAndIsNotServed() throws Exception {
        try (RunningPreview preview = RunningPreview.start(dir)) {
            String image = "/archive/" + RunningPreview.ISSUE + "/images/birds.jpg";
            assertThat(preview.get(image).statusCode()).isEqualTo(200);

            Path secret = Files.writeString(dir.resolve("passwd"), SECRET + "\n");
            Path birds = preview.issueFolder().resolve("images/birds.jpg");
            Files.delete(birds);
            Files.createSymbolicLink(birds, secret);
            Path index = preview.issueFolder().resolve("index.md");
            Files.writeString(index, Files.readString(index) + "\n"); // a save, which the preview watches for

            String status = eventually(preview);
            assertThat(status).contains("images/birds.jpg&#39; is a link to a file outside the issue folder");
            HttpResponse<String> served = preview.get(image);
            assertThat(served.statusCode()).isEqualTo(404);
            assertThat(served.body()).doesNotContain("root:x");
            assertThat(preview.get("/email").body()).doesNotContain("root:x");
        }
    }

    /** The status tab once it reports the issue broken, within five seconds. */
    private static String eventually(RunningPreview preview) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        HttpResponse<String> status = preview.get("/tab/status");
        while (status.statusCode() != 422) {
            assertThat(System.nanoTime()).as("within 5 s; last answer:\n" + status.body()).isLessThan(deadline);
            Thread.sleep(50);
            status = preview.get("/tab/status");
        }
        return status.body();
    }
}
