package org.newsletter.send;

import java.nio.file.Path;
import java.util.Map;
import org.newsletter.config.SendingSettings;
import org.newsletter.config.SmtpSettings;
import org.newsletter.mail.OutboxTransport;
import org.newsletter.mail.SmtpTransport;
import org.newsletter.mail.Transport;
import org.newsletter.model.UserInputException;

/** Chooses the transport: {@code NEWSLETTER_TRANSPORT} from the environment wins over newsletter.yaml. */
public final class Transports {

    public static final String TRANSPORT_VARIABLE = "NEWSLETTER_TRANSPORT";
    public static final String PASSWORD_VARIABLE = "NEWSLETTER_SMTP_PASSWORD";

    private final String spec;
    private final Map<String, String> environment;
    private final Path outboxRoot;

    public Transports(SendingSettings settings, Map<String, String> environment, Path outboxRoot) {
        String fromEnvironment = environment.get(TRANSPORT_VARIABLE);
        this.spec = fromEnvironment == null || fromEnvironment.isBlank() ? settings.transport() : fromEnvironment.strip();
        this.environment = environment;
        this.outboxRoot = outboxRoot;
    }

    /** The transport for messages of one campaign; the outbox gets a folder per campaign ({@code folder}). */
    public Transport create(String folder) {
        if (spec.equals(SendingSettings.OUTBOX)) {
            return new OutboxTransport(outboxRoot.resolve(folder));
        }
        if (spec.startsWith("smtp://")) {
            try {
                return new SmtpTransport(smtp(), environment.get(PASSWORD_VARIABLE));
            } catch (IllegalArgumentException e) {
                throw new UserInputException("transport: " + e.getMessage());
            }
        }
        throw new IllegalArgumentException("transport must be 'outbox' or an smtp:// URL, not '" + spec + "' (from "
                + (environment.containsKey(TRANSPORT_VARIABLE) ? TRANSPORT_VARIABLE : "newsletter.yaml") + ")");
    }

    /** How many connections the transport wants: the outbox writes files, so two threads are plenty. */
    public int connections() {
        return spec.equals(SendingSettings.OUTBOX) ? 2 : smtp().connections();
    }

    private SmtpSettings smtp() {
        try {
            return SmtpSettings.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("transport (from " + (environment.containsKey(TRANSPORT_VARIABLE) ? TRANSPORT_VARIABLE : "newsletter.yaml")
                    + "): " + e.getMessage());
        }
    }

    public String describe() {
        if (spec.equals(SendingSettings.OUTBOX)) {
            return "outbox (one .eml file per message in " + outboxRoot.getParent().getFileName() + "/" + outboxRoot.getFileName() + "/CAMPAIGN-ISSUE/)";
        }
        return create("").describe();
    }
}
