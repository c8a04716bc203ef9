package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/**
 * A sent issue's image far larger than any heap: 3 GB, sparse, so it costs no disk. An image read
 * whole per request could not even be held in one Java array; streamed, eight readers at once cost a
 * few buffers, and the site goes on answering.
 */
class LargeImageTest {

    static final String SLUG = "2024-09-large-picture";
    static final long SIZE = 3L << 30;

    @TempDir
    Path dir;

    @Test
    void aHugeImageIsStreamedToSeveralReadersAtOnceAndTheSiteCarriesOn() throws Exception {
        IssueFixture workspace = SiteHarness.withAList(IssueFixture.copyOfRepository(dir.resolve("workspace")));
        Path issue = workspace.issue(SLUG, "---\ntitle: A large picture\ndate: 2024-09-01\n---\n\n![The whole coast](images/coast.png)\n", null);
        Path image = Files.createDirectories(issue.resolve("images")).resolve("coast.png");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
        SiteHarness.send(workspace, SLUG);
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(SIZE); // a photo straight off a camera, and then some; zeros after the PNG's end
        }

        try (SiteHarness site = SiteHarness.start(workspace, new CapturedMail())) {
            String request = "GET /archive/" + SLUG + "/images/coast.png HTTP/1.1\r\nHost: news.example.org\r\n\r\n";
            ExecutorService readers = Executors.newFixedThreadPool(8);
            try {
                List<Future<RawClient.Answer>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    answers.add(readers.submit(() -> {
                        try (RawClient client = RawClient.connect(site.origin().getPort())) {
                            client.send(request);
                            // The first megabyte of each, then the reader goes away.
                            return client.read(Duration.ofSeconds(20), 1 << 20).orElseThrow(() -> new AssertionError("no answer"));
                        }
                    }));
                }
                for (Future<RawClient.Answer> future : answers) {
                    RawClient.Answer answer = future.get();
                    assertThat(answer.status()).isEqualTo(200);
                    assertThat(answer.header("Content-Type")).hasValue("image/png");
                    assertThat(answer.header("Content-Length")).hasValue(Long.toString(SIZE));
                    assertThat(answer.bytes()).hasSize(1 << 20).startsWith(0x89, 'P', 'N', 'G');
                }
            } finally {
                readers.shutdownNow();
            }

            assertThat(site.get("/healthz").statusCode()).isEqualTo(200);
            assertThat(site.get("/archive/" + SLUG + "/").statusCode()).isEqualTo(200);
            assertThat(site.log()).noneSatisfy(line -> assertThat(line).startsWith("error"));
        }
    }
}
