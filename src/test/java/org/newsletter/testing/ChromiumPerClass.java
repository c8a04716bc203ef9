package org.newsletter.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * One headless Chromium for a test class, as a {@code @RegisterExtension static final} field: started
 * before the class's own {@code @BeforeAll} (which asks {@link #running()} before setting up anything
 * only a browser needs), closed after its {@code @AfterAll}, and each test skipped with the reason in
 * its report when Chromium is not installed. The profile and chromedriver's log go under
 * {@code target/chromium/CLASS/}, where a failed run can be read.
 */
public final class ChromiumPerClass implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final List<String> extraArguments;
    private final Map<String, Object> prefs;
    private HeadlessChromium chromium;

    private ChromiumPerClass(List<String> extraArguments, Map<String, Object> prefs) {
        this.extraArguments = extraArguments;
        this.prefs = prefs;
    }

    /** The standard flags of {@link HeadlessChromium}. */
    public static ChromiumPerClass standard() {
        return new ChromiumPerClass(List.of(), Map.of());
    }

    /** With {@code extraArguments} and preferences beyond the standard ones. */
    public static ChromiumPerClass with(List<String> extraArguments, Map<String, Object> prefs) {
        return new ChromiumPerClass(List.copyOf(extraArguments), Map.copyOf(prefs));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (!HeadlessChromium.available()) {
            return; // beforeEach skips every test, saying why: an abort here would only show "0 tests run"
        }
        Path scratch = IssueFixture.REPOSITORY.resolve("target/chromium").resolve(context.getRequiredTestClass().getSimpleName());
        deleteRecursively(scratch); // a fresh profile: nothing cached from an earlier run
        chromium = HeadlessChromium.start(scratch, scratch.resolve("chromedriver.log"), extraArguments, prefs);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        HeadlessChromium.require();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }

    /** Whether the browser started, i.e. Chromium is installed; a class's {@code @BeforeAll} sets up nothing else without it. */
    public boolean running() {
        return chromium != null;
    }

    public ChromeDriver driver() {
        if (chromium == null) {
            throw new IllegalStateException("Chromium is not running: the test should have been skipped");
        }
        return chromium.driver();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
