package org.newsletter.mail;

import java.time.Clock;
import org.newsletter.config.SendingSettings;
import org.newsletter.model.UserInputException;

/**
 * The signer newsletter.yaml asks for: DKIM (RFC 6376) when it has {@code dkim:}, else none. One
 * place, so that a campaign and the preview's Headers tab sign exactly alike.
 */
public final class MessageSigners {

    private MessageSigners() {
    }

    /**
     * Reads the key once; a missing, unreadable or too short key is a {@link UserInputException} naming
     * newsletter.yaml, so a send stops before anything goes out.
     *
     * @param dkim the {@code dkim:} settings, or null when messages are not signed
     */
    public static MessageSigner of(SendingSettings.Dkim dkim, Clock clock) {
        if (dkim == null) {
            return MessageSigner.NONE;
        }
        try {
            DkimMessageSigner signer = new DkimMessageSigner(DkimKey.load(dkim.domain(), dkim.selector(), dkim.keyFile()), clock);
            return signer::sign;
        } catch (IllegalArgumentException e) {
            throw new UserInputException("dkim in newsletter.yaml: " + e.getMessage());
        }
    }
}
