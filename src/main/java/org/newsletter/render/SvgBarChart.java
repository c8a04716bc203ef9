package org.newsletter.render;

import java.util.List;
import java.util.Locale;

/**
 * A bar chart drawn as inline SVG, so a report needs no script and loads nothing: one bar per
 * value with its label under it and its number above it. The chart has no words of its own; its
 * accessible name is the page's heading it points to ({@code aria-labelledby}), and each bar carries
 * a {@code <title>} with its label and number for screen readers and pointer hover.
 */
public final class SvgBarChart {

    /** One bar: what it stands for (a day, an hour, a link) and how many. */
    public record Bar(String label, long value) {
    }

    private static final int WIDTH = 640;
    private static final int HEIGHT = 220;
    private static final int TOP = 24;
    private static final int BOTTOM = 44;
    private static final int LEFT = 8;
    /** Colours chosen for contrast on white: bars 7.6:1, text 12.6:1 (WCAG 1.4.3 and 1.4.11). */
    private static final String BAR = "#1d4f7c";
    private static final String INK = "#333333";

    private SvgBarChart() {
    }

    /** @param labelledBy the id of the element that names the chart */
    public static String draw(String labelledBy, List<Bar> bars) {
        long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
        int n = Math.max(1, bars.size());
        double slot = (WIDTH - 2.0 * LEFT) / n;
        double barWidth = Math.min(48, Math.max(2, slot * 0.7));
        int plot = HEIGHT - TOP - BOTTOM;
        // Label every bar when they fit, else every k-th, so labels never overlap.
        int every = Math.max(1, (int) Math.ceil(n / ((WIDTH - 2.0 * LEFT) / 64)));
        StringBuilder svg = new StringBuilder(256 + 256 * n);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"").append(HtmlEscape.escape(labelledBy))
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"100%\" style=\"max-width:")
                .append(WIDTH).append("px\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP + plot).append("\" x2=\"").append(WIDTH - LEFT).append("\" y2=\"")
                .append(TOP + plot).append("\" stroke=\"").append(INK).append("\"/>");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double height = bar.value() == 0 ? 0 : Math.max(1, plot * (double) bar.value() / max);
            double x = LEFT + i * slot + (slot - barWidth) / 2;
            double y = TOP + plot - height;
            double middle = x + barWidth / 2;
            svg.append("<g><title>").append(HtmlEscape.escape(bar.label() + ": " + bar.value())).append("</title>");
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>", x, y, barWidth, height, BAR));
            if (n <= 40 || bar.value() == max) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"%s\">%d</text>", middle, y - 4, INK,
                        bar.value()));
            }
            if (i % every == 0) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">%s</text>", middle,
                        TOP + plot + 18, INK, HtmlEscape.escape(shorten(bar.label()))));
            }
            svg.append("</g>");
        }
        return svg.append("</svg>").toString();
    }

    /** Long labels (link addresses) are cut under their bar; the bar's title keeps them whole. */
    private static String shorten(String label) {
        return label.length() <= 12 ? label : label.substring(0, 11) + "…";
    }
}
