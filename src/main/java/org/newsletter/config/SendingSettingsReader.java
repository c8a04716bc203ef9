package org.newsletter.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.newsletter.model.Diagnostics;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.InvalidAddressException;
import org.newsletter.yaml.YamlMap;
import org.newsletter.yaml.YamlNode;

/** The sending part of newsletter.yaml; every problem is reported with its line. */
final class SendingSettingsReader {

    static final Set<String> KEYS = Set.of("transport", "rate", "retry", "bounce_address", "dkim");
    private static final Set<String> RATE_KEYS = Set.of("per_second", "per_hour");
    private static final Set<String> RETRY_KEYS = Set.of("attempts", "delay");
    private static final Set<String> DKIM_KEYS = Set.of("domain", "selector", "key");

    SendingSettings read(YamlMap map, Path workspaceRoot, Diagnostics problems) {
        return new SendingSettings(transport(map, problems), rate(map, problems), retry(map, problems), bounceAddress(map, problems),
                dkim(map, workspaceRoot, problems));
    }

    private static String transport(YamlMap map, Diagnostics problems) {
        String value = map.text("transport", problems);
        if (value == null || value.isBlank()) {
            return SendingSettings.OUTBOX;
        }
        String transport = value.strip();
        if (!transport.equals(SendingSettings.OUTBOX) && !transport.startsWith("smtp://")) {
            problems.error(map.positionOf("transport"), "transport must be 'outbox' or an SMTP URL such as smtp://user@mail.example.org:587?tls=starttls, not '"
                    + value + "'");
        }
        return transport;
    }

    private static SendingSettings.Rate rate(YamlMap map, Diagnostics problems) {
        YamlNode node = map.get("rate");
        if (node == null) {
            return SendingSettings.Rate.UNLIMITED;
        }
        if (!(node instanceof YamlMap rate)) {
            problems.error(node.position(), "'rate' must be a map such as {per_second: 20, per_hour: 20000}");
            return SendingSettings.Rate.UNLIMITED;
        }
        rate.rejectUnknownKeys(RATE_KEYS, "'rate'", problems);
        double perSecond = number(rate, "per_second", problems);
        double perHour = number(rate, "per_hour", problems);
        return new SendingSettings.Rate(perSecond, (long) perHour);
    }

    private static double number(YamlMap map, String key, Diagnostics problems) {
        String value = map.text(key, problems);
        if (value == null) {
            return 0;
        }
        try {
            double n = Double.parseDouble(value.strip());
            if (n <= 0 || Double.isInfinite(n) || Double.isNaN(n)) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            problems.error(map.positionOf(key), "'" + key + "' must be a positive number, not '" + value + "'");
            return 0;
        }
    }

    private static SendingSettings.Retry retry(YamlMap map, Diagnostics problems) {
        YamlNode node = map.get("retry");
        if (node == null) {
            return SendingSettings.Retry.DEFAULT;
        }
        if (!(node instanceof YamlMap retry)) {
            problems.error(node.position(), "'retry' must be a map such as {attempts: 5, delay: 10s}");
            return SendingSettings.Retry.DEFAULT;
        }
        retry.rejectUnknownKeys(RETRY_KEYS, "'retry'", problems);
        int attempts = SendingSettings.Retry.DEFAULT.attempts();
        String attemptsText = retry.text("attempts", problems);
        if (attemptsText != null) {
            try {
                attempts = Integer.parseInt(attemptsText.strip());
                if (attempts < 1 || attempts > 20) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problems.error(retry.positionOf("attempts"), "'attempts' must be a whole number from 1 to 20, not '" + attemptsText + "'");
            }
        }
        Duration delay = SendingSettings.Retry.DEFAULT.delay();
        String delayText = retry.text("delay", problems);
        if (delayText != null) {
            try {
                delay = Durations.parse(delayText);
            } catch (IllegalArgumentException e) {
                problems.error(retry.positionOf("delay"), "'delay': " + e.getMessage());
            }
        }
        return new SendingSettings.Retry(attempts, delay);
    }

    private static String bounceAddress(YamlMap map, Diagnostics problems) {
        String value = map.text("bounce_address", problems);
        if (value == null) {
            return null;
        }
        try {
            EmailAddress address = EmailAddress.parse(value);
            if (address.localPart().contains("+")) {
                problems.error(map.positionOf("bounce_address"), "bounce_address must not contain '+': the tool adds +TOKEN to it for each message");
                return null;
            }
            return address.toString();
        } catch (InvalidAddressException e) {
            problems.error(map.positionOf("bounce_address"), "bounce_address '" + value + "' is not a valid address: " + e.getMessage());
            return null;
        }
    }

    private static SendingSettings.Dkim dkim(YamlMap map, Path root, Diagnostics problems) {
        YamlNode node = map.get("dkim");
        if (node == null) {
            return null;
        }
        if (!(node instanceof YamlMap dkim)) {
            problems.error(node.position(), "'dkim' must be a map: {domain: example.org, selector: news, key: /path/to/dkim.pem}");
            return null;
        }
        dkim.rejectUnknownKeys(DKIM_KEYS, "'dkim'", problems);
        String domain = dkim.requiredText("domain", "'dkim'", problems);
        String selector = dkim.requiredText("selector", "'dkim'", problems);
        String key = dkim.requiredText("key", "'dkim'", problems);
        if (domain == null || selector == null || key == null) {
            return null;
        }
        return new SendingSettings.Dkim(domain.strip(), selector.strip(), root.resolve(key.strip()).normalize());
    }
}
