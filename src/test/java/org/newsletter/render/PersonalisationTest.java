package org.newsletter.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsletter.model.Recipient;

/** The per-recipient step: slots filled, HTML escaped in HTML only, nothing else touched. */
class PersonalisationTest {

    @Test
    void stencilFillsEverySlotInOrder() {
        Stencil stencil = Stencil.compile("a" + Slot.RECIPIENT_NAME.marker() + "b" + Slot.UNSUBSCRIBE_URL.marker()
                + "c" + Slot.RECIPIENT_NAME.marker());
        Map<Slot, String> values = Map.of(Slot.RECIPIENT_NAME, "N", Slot.UNSUBSCRIBE_URL, "U", Slot.RECIPIENT_EMAIL, "E");
        assertThat(stencil.fill(values::get)).isEqualTo("aNbUcN");
        assertThat(stencil.uses(Slot.RECIPIENT_EMAIL)).isFalse();
        assertThat(Stencil.compile("no slots").fill(values::get)).isEqualTo("no slots");
    }

    @Test
    void stencilShowsItsLiteralsAroundItsSlots() {
        Stencil stencil = Stencil.compile(Slot.RECIPIENT_NAME.marker() + "b" + Slot.UNSUBSCRIBE_URL.marker() + "c"
                + Slot.RECIPIENT_NAME.marker());
        assertThat(stencil.literals()).containsExactly("", "b", "c", "");
        assertThat(stencil.slots()).containsExactly(Slot.RECIPIENT_NAME, Slot.UNSUBSCRIBE_URL, Slot.RECIPIENT_NAME);
        assertThat(Stencil.compile("plain").literals()).containsExactly("plain");
        assertThat(Stencil.compile("plain").slots()).isEmpty();
    }

    @Test
    void htmlGetsEscapedValuesAndTextGetsThemAsTheyAre() {
        String html = "<p>Hi " + Slot.RECIPIENT_NAME.marker() + "</p><a href=\"" + Slot.UNSUBSCRIBE_URL.marker() + "\">u</a>";
        String text = "Hi " + Slot.RECIPIENT_NAME.marker() + "\n" + Slot.UNSUBSCRIBE_URL.marker();
        RenderedIssue rendered = new RenderedIssue(null, Stencil.compile(html), Stencil.compile(text), "", Map.of());
        RenderedIssue.PersonalisedContent content = rendered.personalise(
                new Recipient("Ann <b>\"O'Neil\"</b> & co", "ann@example.org", "https://x.example/u/t?a=1&b=2"));
        assertThat(content.html()).isEqualTo("<p>Hi Ann &lt;b&gt;&quot;O&#39;Neil&quot;&lt;/b&gt; &amp; co</p>"
                + "<a href=\"https://x.example/u/t?a=1&amp;b=2\">u</a>");
        assertThat(content.text()).isEqualTo("Hi Ann <b>\"O'Neil\"</b> & co\nhttps://x.example/u/t?a=1&b=2");
    }
}
