package org.newsletter.compose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Raw active content never reaches the email, even where check's error is not looked at (a preview). */
class ForbiddenElementsTest {

    @Test
    void scriptsFramesObjectsEmbedsAndFormsAreLeftOut() {
        String html = "<p>Hi</p>\n<script>alert(1)</script>\n<IFRAME src=\"https://example.org/v\">fallback</IFRAME>\n"
                + "<p>Join: <form action=\"https://example.org/x\"><input name=\"a\"></form> or <embed src=\"y.swf\">"
                + "<object data=\"x.swf\"><param name=\"a\"></object></p>\n<pre><code>&lt;script&gt;</code></pre>";
        assertThat(HtmlFlavour.withoutForbiddenElements(html)).isEqualTo("<p>Hi</p>\n\n\n"
                + "<p>Join: <input name=\"a\"> or </p>\n<pre><code>&lt;script&gt;</code></pre>");
        assertThat(HtmlFlavour.withoutForbiddenElements("<p>Fine</p>")).isEqualTo("<p>Fine</p>");
    }
}
