package org.newsletter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsletter.mail.SubscriberTokens.Ids;
import org.newsletter.mail.SubscriberTokens.Purpose;

/** Signed tokens: genuine ones verify; altered, truncated, foreign or repurposed ones do not. */
class SubscriberTokensTest {

    final SubscriberTokens tokens = new SubscriberTokens("secret-".repeat(6));

    @Test
    void aGenuineTokenGivesBackItsIds() {
        String token = tokens.token(Purpose.UNSUBSCRIBE, 42, 7);
        assertThat(token).matches("42\\.7\\.[A-Za-z0-9_-]{22}");
        assertThat(tokens.verify(Purpose.UNSUBSCRIBE, token)).contains(new Ids(42, 7));
    }

    @Test
    void tokensAreBoundToTheirSecretIdsAndPurpose() {
        String token = tokens.token(Purpose.UNSUBSCRIBE, 42, 7);
        String mac = token.substring(token.lastIndexOf('.') + 1);
        assertThat(tokens.verify(Purpose.BOUNCE, token)).as("an unsubscribe token is not a bounce token").isEmpty();
        assertThat(new SubscriberTokens("another-".repeat(5)).verify(Purpose.UNSUBSCRIBE, token)).as("another secret").isEmpty();
        assertThat(tokens.verify(Purpose.UNSUBSCRIBE, "43.7." + mac)).as("someone else's id with my MAC").isEmpty();
        assertThat(tokens.verify(Purpose.UNSUBSCRIBE, "42.8." + mac)).as("another list").isEmpty();
        assertThat(tokens.verify(Purpose.UNSUBSCRIBE, "042.7." + mac)).as("a second spelling of the same ids").isEmpty();
    }

    @Test
    void everySingleCharacterChangeIsRefused() {
        String token = tokens.token(Purpose.UNSUBSCRIBE, 123456, 3);
        Random random = new Random(20261126);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
        for (int i = 0; i < token.length(); i++) {
            for (int n = 0; n < 5; n++) {
                char replacement = alphabet.charAt(random.nextInt(alphabet.length()));
                if (replacement == token.charAt(i)) {
                    continue;
                }
                String altered = token.substring(0, i) + replacement + token.substring(i + 1);
                assertThat(tokens.verify(Purpose.UNSUBSCRIBE, altered)).as(altered).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "42", "42.7", "42.7.", "42.7.short", "a.b.cccccccccccccccccccccc", "42.7.AAAAAAAAAAAAAAAAAAAAAA.extra",
        "../../etc/passwd", "42.7.AAAAAAAAAAAAAAAAAAAA==", "99999999999999999999.1.AAAAAAAAAAAAAAAAAAAAAA", "42.7.%00AAAAAAAAAAAAAAAAAAAA"})
    void malformedTokensAreRefusedWithoutAnException(String token) {
        assertThat(tokens.verify(Purpose.UNSUBSCRIBE, token)).isEmpty();
    }

    @Test
    void truncatedTokensAreRefused() {
        String token = tokens.token(Purpose.UNSUBSCRIBE, 5, 1);
        for (int length = 0; length < token.length(); length++) {
            assertThat(tokens.verify(Purpose.UNSUBSCRIBE, token.substring(0, length))).isEmpty();
        }
        assertThat(tokens.verify(Purpose.UNSUBSCRIBE, null)).isEmpty();
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new SubscriberTokens("short")).hasMessage("the token secret must be at least 32 characters");
    }

    @Test
    void aNamesSignatureOpensOnlyThatNameForThatPurposeWithThatSecret() {
        String signature = tokens.signature(Purpose.ARCHIVE, "2024-07-staff-rota");
        assertThat(signature).matches("[A-Za-z0-9_-]{22}");
        assertThat(tokens.verifySignature(Purpose.ARCHIVE, "2024-07-staff-rota", signature)).isTrue();
        assertThat(tokens.verifySignature(Purpose.ARCHIVE, "2024-08-team-update", signature)).as("another issue").isFalse();
        assertThat(tokens.verifySignature(Purpose.UNSUBSCRIBE, "2024-07-staff-rota", signature)).as("another purpose").isFalse();
        assertThat(new SubscriberTokens("another-".repeat(5)).verifySignature(Purpose.ARCHIVE, "2024-07-staff-rota", signature))
                .as("another secret").isFalse();
        assertThat(tokens.verifySignature(Purpose.ARCHIVE, "2024-07-staff-rota", signature.substring(1))).as("truncated").isFalse();
        assertThat(tokens.verifySignature(Purpose.ARCHIVE, "2024-07-staff-rota", null)).isFalse();
    }

    @Test
    void aNumericTokensMacIsNoSignatureOfAName() {
        // "1:2" as a name would sign the same input as the ids (1, 2): names may hold no colon.
        String token = tokens.token(Purpose.ARCHIVE, 1, 2);
        assertThatThrownBy(() -> tokens.verifySignature(Purpose.ARCHIVE, "1:2", token.substring(token.lastIndexOf('.') + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
