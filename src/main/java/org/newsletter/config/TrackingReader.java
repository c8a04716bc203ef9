package org.newsletter.config;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.newsletter.model.Diagnostics;
import org.newsletter.model.Tracking;
import org.newsletter.yaml.YamlList;
import org.newsletter.yaml.YamlMap;
import org.newsletter.yaml.YamlNode;
import org.newsletter.yaml.YamlScalar;

/**
 * {@code tracking: {clicks: off|aggregate|per_person, opens: off|aggregate, utm: true|false, utm_domains: [...]}}
 * in newsletter.yaml. Absent, or any key left out, means off: measuring readers is something a workspace
 * chooses, never a default.
 */
final class TrackingReader {

    static final String KEY = "tracking";
    private static final Set<String> KEYS = Set.of("clicks", "opens", "utm", "utm_domains");
    private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    Tracking read(YamlMap config, Diagnostics problems) {
        YamlNode node = config.get(KEY);
        if (node == null || node instanceof YamlScalar s && s.isNull()) {
            return Tracking.OFF;
        }
        if (!(node instanceof YamlMap tracking)) {
            problems.error(config.positionOf(KEY), "'tracking' must be a map such as {clicks: aggregate, opens: off, utm: true}");
            return Tracking.OFF;
        }
        tracking.rejectUnknownKeys(KEYS, "'tracking'", problems);
        Tracking.Clicks clicks = Tracking.Clicks.OFF;
        String clicksText = word(tracking, "clicks", problems);
        if (clicksText != null) {
            clicks = Tracking.Clicks.fromWord(clicksText).orElse(null);
            if (clicks == null) {
                problems.error(tracking.positionOf("clicks"), "tracking.clicks must be off, aggregate or per_person, not '" + clicksText + "'");
                clicks = Tracking.Clicks.OFF;
            }
        }
        boolean opens = false;
        String opensText = word(tracking, "opens", problems);
        if (opensText != null) {
            if (opensText.equals("aggregate")) {
                opens = true;
            } else if (!opensText.equals("off")) {
                problems.error(tracking.positionOf("opens"), "tracking.opens must be off or aggregate (image loads are never kept per person), not '"
                        + opensText + "'");
            }
        }
        boolean utm = false;
        String utmText = word(tracking, "utm", problems);
        if (utmText != null) {
            if (utmText.equals("true")) {
                utm = true;
            } else if (!utmText.equals("false")) {
                problems.error(tracking.positionOf("utm"), "tracking.utm must be true or false, not '" + utmText + "'");
            }
        }
        return new Tracking(clicks, opens, utm, domains(tracking, problems));
    }

    /**
     * The value in lower case. YAML 1.1 readers turn a bare {@code off} into false; this reader keeps
     * scalars as text, so {@code off} and {@code false} are both accepted for "off" where that is meant.
     */
    private static String word(YamlMap map, String key, Diagnostics problems) {
        String value = map.text(key, problems);
        if (value == null) {
            return null;
        }
        String word = value.strip().toLowerCase(Locale.ROOT);
        if (word.equals("false") && !key.equals("utm")) {
            return "off";
        }
        return word;
    }

    private static List<String> domains(YamlMap tracking, Diagnostics problems) {
        YamlNode node = tracking.get("utm_domains");
        if (node == null || node instanceof YamlScalar s && s.isNull()) {
            return List.of();
        }
        if (!(node instanceof YamlList list)) {
            problems.error(tracking.positionOf("utm_domains"), "tracking.utm_domains must be a list of host names such as [example.org, shop.example.org]");
            return List.of();
        }
        List<String> domains = new ArrayList<>();
        for (YamlNode item : list.items()) {
            String host = item instanceof YamlScalar scalar && !scalar.isNull() ? scalar.value().strip().toLowerCase(Locale.ROOT) : "";
            String ascii;
            try {
                ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                ascii = "";
            }
            if (!HOST.matcher(ascii).matches()) {
                problems.error(item.position(), "tracking.utm_domains: '" + host + "' is not a host name such as shop.example.org (no scheme, no path)");
                continue;
            }
            domains.add(ascii);
        }
        return domains;
    }
}
