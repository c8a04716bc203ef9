package org.newsletter.web.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests run headless (java.awt.headless), so the desktop is never there and the fallback command is what runs. */
class BrowserOpenerTest {

    private static final URI PAGE = URI.create("http://127.0.0.1:8000/");

    @Test
    void theFallbackCommandIsRunWithTheUrl() {
        assertThat(new BrowserOpener(List.of("true")).open(PAGE)).isEmpty();
    }

    @Test
    void whenNothingCanOpenABrowserItSaysWhyInsteadOfFailing() {
        assertThat(new BrowserOpener(List.of("/nonexistent/xdg-open")).open(PAGE)).hasValueSatisfying(why ->
                assertThat(why).contains("no desktop").contains("/nonexistent/xdg-open could not be run").doesNotContain("\n"));
    }
}
