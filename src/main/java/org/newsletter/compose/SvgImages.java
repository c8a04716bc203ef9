package org.newsletter.compose;

import java.util.Locale;

/** SVG in an email shows as nothing in Gmail and Outlook (caniemail: image-svg), so it is an error. */
final class SvgImages {

    private SvgImages() {
    }

    static boolean isSvg(String source) {
        String path = source.strip().toLowerCase(Locale.ROOT);
        if (path.startsWith("data:")) {
            return path.startsWith("data:image/svg");
        }
        int end = path.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = path.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return path.substring(0, end).endsWith(".svg") || path.substring(0, end).endsWith(".svgz");
    }

    static String message(String source) {
        String shown = source.startsWith("data:") ? "data:image/svg…" : source;
        return "image '" + shown + "' is SVG, which Gmail and Outlook do not show: use a PNG or JPEG";
    }
}
