package org.newsletter.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsletter.model.Diagnostic;

/** Reading the vendored caniemail data, and what counts as unsupported. */
class CanIEmailTest {

    private final CanIEmail data = CanIEmail.data();
    private final EmailCompatibility compatibility = new EmailCompatibility(data, new TemplateSource(null, "email.html.ftlh"),
            Path.of("index.md"));

    @Test
    void onlyClientsTestedWithoutSupportAreNamed() {
        // Outlook for Windows says "n"; Gmail's apps "a" (partial: not with other accounts), not a failure.
        assertThat(data.propertyValue("display", "flex").orElseThrow().unsupported()).containsExactly(MailClient.OUTLOOK_WINDOWS);
        assertThat(data.property("background-image").orElseThrow().unsupported()).containsExactly(MailClient.OUTLOOK_WINDOWS);
        assertThat(data.function("linear-gradient")).isPresent();
        assertThat(data.element("h3")).isPresent();
        assertThat(data.attribute("srcset")).isPresent();
        // Never tested: unknown, so nothing to say.
        assertThat(data.property("mso-hide")).isEmpty();
        assertThat(data.updated()).isEqualTo("2025-09-09");
    }

    @Test
    void mediaBlocksAndTheExplicitListAreAllowed() {
        String html = """
                <html><head><style>
                .a { color: #111; }
                @media (max-width: 600px) { .a { position: absolute; box-shadow: 0 0 1px red; } }
                @supports (display: grid) { .b { display: grid; } }
                .c { box-shadow: 0 0 1px red !important; }
                </style></head><body>
                <div style="display:none; max-height:0; opacity:0; overflow:hidden; mso-hide:all">pre</div>
                <a style="border-radius: 4px; background: LINEAR-GRADIENT(red, blue)">x</a>
                </body></html>""";
        List<Diagnostic> findings = compatibility.check(html);
        assertThat(findings).extracting(Diagnostic::message).hasSize(2)
                .anySatisfy(m -> assertThat(m).startsWith("'box-shadow' is not supported by Gmail (web), Outlook (Windows), Yahoo (web)"))
                .anySatisfy(m -> assertThat(m).startsWith("'linear-gradient()' is not supported by Outlook (Windows), Outlook (macOS), Outlook (web), Yahoo (web)"));
        assertThat(EmailCompatibility.PROGRESSIVE).allSatisfy((slug, reason) -> assertThat(reason).isNotBlank());
    }
}
