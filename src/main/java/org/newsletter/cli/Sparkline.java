package org.newsletter.cli;

/**
 * A trend in a few characters: one block (▁ to █) per value, its height the value's share of the
 * largest; all zeros stay at the bottom. Oldest first, as the rows above it.
 */
final class Sparkline {

    private static final char[] BLOCKS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    private Sparkline() {
    }

    static String of(double[] values) {
        double max = 0;
        for (double value : values) {
            max = Math.max(max, value);
        }
        StringBuilder line = new StringBuilder(values.length);
        for (double value : values) {
            int level = max <= 0 ? 0 : (int) Math.round((BLOCKS.length - 1) * Math.max(0, value) / max);
            line.append(BLOCKS[level]);
        }
        return line.toString();
    }
}
