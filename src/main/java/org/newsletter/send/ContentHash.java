package org.newsletter.send;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.newsletter.model.Recipient;
import org.newsletter.render.RenderedIssue;

/**
 * A fingerprint of what an issue renders to (subject, HTML and text for a fixed sample recipient), kept
 * with a campaign so that resuming it after the issue was edited is noticed instead of sending two
 * versions to one list.
 */
final class ContentHash {

    private ContentHash() {
    }

    static String of(RenderedIssue rendered) {
        Recipient sample = new Recipient("Sample", "sample@example.org", "https://example.org/u/sample");
        RenderedIssue.PersonalisedContent content = rendered.personalise(sample);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {rendered.issue().subject(), content.html(), content.text()}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
