package org.newsletter.config;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newsletter.model.Diagnostics;
import org.newsletter.yaml.YamlMap;
import org.newsletter.yaml.YamlNode;

/** The {@code bounces:} map of newsletter.yaml; every problem is reported with its line. */
final class BounceSettingsReader {

    static final String KEY = "bounces";
    private static final Set<String> KEYS = Set.of("mailbox", "folder", "processed_folder", "soft_bounces", "watch");
    private static final Pattern LIMIT = Pattern.compile("(\\d{1,4})\\s+in\\s+(\\d{1,4})\\s+days?");

    /** The settings, or null when newsletter.yaml has no {@code bounces:}. */
    BounceSettings read(YamlMap root, Diagnostics problems) {
        YamlNode node = root.get(KEY);
        if (node == null) {
            return null;
        }
        if (!(node instanceof YamlMap map)) {
            problems.error(node.position(), "'bounces' must be a map such as {mailbox: imaps://bounces@mail.example.org, soft_bounces: 3 in 30 days}");
            return null;
        }
        map.rejectUnknownKeys(KEYS, "'bounces'", problems);
        BounceSettings.ImapMailbox mailbox = mailbox(map, problems);
        String folder = folder(map, "folder", BounceSettings.DEFAULT_FOLDER, problems);
        String processed = folder(map, "processed_folder", BounceSettings.DEFAULT_PROCESSED_FOLDER, problems);
        BounceSettings.SoftBounceLimit limit = limit(map, problems);
        Boolean watch = watch(map, problems);
        if (watch == null || mailbox == null || folder == null || processed == null || limit == null) {
            return null;
        }
        if (folder.equals(processed)) {
            problems.error(map.positionOf("processed_folder"), "'processed_folder' must differ from 'folder' (" + folder + ")");
            return null;
        }
        return new BounceSettings(mailbox, folder, processed, limit, watch);
    }

    /** {@code watch: true}: serve watches the mailbox. Only true or false; anything else is a mistake worth a line. */
    private static Boolean watch(YamlMap map, Diagnostics problems) {
        if (!map.has("watch")) {
            return false;
        }
        String value = map.text("watch", problems);
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.valueOf(value);
        }
        problems.error(map.positionOf("watch"), "'watch' must be true (serve watches the mailbox) or false, not '" + value + "'");
        return null;
    }

    private static BounceSettings.ImapMailbox mailbox(YamlMap map, Diagnostics problems) {
        String value = map.requiredText("mailbox", "'bounces'", problems);
        if (value == null) {
            return null;
        }
        try {
            return ImapMailboxUrl.parse(value);
        } catch (IllegalArgumentException e) {
            problems.error(map.positionOf("mailbox"), e.getMessage());
            return null;
        }
    }

    private static String folder(YamlMap map, String key, String fallback, Diagnostics problems) {
        String value = map.text(key, problems);
        if (value == null) {
            return map.has(key) ? null : fallback;
        }
        if (value.isBlank() || value.chars().anyMatch(c -> c < 0x20)) {
            problems.error(map.positionOf(key), "'" + key + "' must be a folder name such as " + fallback);
            return null;
        }
        return value.strip();
    }

    private static BounceSettings.SoftBounceLimit limit(YamlMap map, Diagnostics problems) {
        String value = map.text("soft_bounces", problems);
        if (value == null) {
            return map.has("soft_bounces") ? null : BounceSettings.SoftBounceLimit.DEFAULT;
        }
        Matcher m = LIMIT.matcher(value.strip());
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(2)) < 1) {
            problems.error(map.positionOf("soft_bounces"), "'soft_bounces' must be like '3 in 30 days' (suppress after N soft bounces in M days), not '"
                    + value + "'");
            return null;
        }
        return new BounceSettings.SoftBounceLimit(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
}
