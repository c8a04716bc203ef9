package org.newsletter.render;

import java.util.Locale;

/**
 * A colour in OKLCH (Björn Ottosson's Oklab, 2020, in polar form): perceptual lightness {@code l}
 * (0 black … 1 white), chroma {@code c} and hue {@code h} in degrees. Changing only the lightness keeps
 * a colour recognisably the same hue, which HSL does not (its yellow and blue at one "lightness" differ
 * wildly in how light they look), so dark-scheme colours are derived here.
 */
public record Oklch(double l, double c, double h) {

    /** The OKLCH of a {@code #rrggbb} sRGB colour. */
    public static Oklch of(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        double r = toLinear((rgb >> 16 & 0xff) / 255.0);
        double g = toLinear((rgb >> 8 & 0xff) / 255.0);
        double b = toLinear((rgb & 0xff) / 255.0);
        double lc = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
        double mc = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
        double sc = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
        double lightness = 0.2104542553 * lc + 0.7936177850 * mc - 0.0040720468 * sc;
        double a = 1.9779984951 * lc - 2.4285922050 * mc + 0.4505937099 * sc;
        double bb = 0.0259040371 * lc + 0.7827717662 * mc - 0.8086757660 * sc;
        double hue = Math.toDegrees(Math.atan2(bb, a));
        return new Oklch(lightness, Math.hypot(a, bb), hue < 0 ? hue + 360 : hue);
    }

    public Oklch withLightness(double lightness) {
        return new Oklch(lightness, c, h);
    }

    public Oklch withChroma(double chroma) {
        return new Oklch(l, chroma, h);
    }

    /**
     * The nearest {@code #rrggbb}: where this lightness and hue cannot be shown in sRGB at this chroma,
     * the chroma is reduced until they can (lightness and hue are what the eye holds on to).
     */
    public String toHex() {
        if (inGamut(c)) {
            return hex(c);
        }
        double low = 0;
        double high = c;
        for (int i = 0; i < 24; i++) {
            double mid = (low + high) / 2;
            if (inGamut(mid)) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return hex(low);
    }

    private boolean inGamut(double chroma) {
        for (double v : linearRgb(chroma)) {
            if (v < -1e-6 || v > 1 + 1e-6) {
                return false;
            }
        }
        return true;
    }

    private String hex(double chroma) {
        double[] rgb = linearRgb(chroma);
        return String.format(Locale.ROOT, "#%02x%02x%02x", channel(rgb[0]), channel(rgb[1]), channel(rgb[2]));
    }

    private double[] linearRgb(double chroma) {
        double lightness = Math.max(0, Math.min(1, l));
        double a = chroma * Math.cos(Math.toRadians(h));
        double b = chroma * Math.sin(Math.toRadians(h));
        double lc = lightness + 0.3963377774 * a + 0.2158037573 * b;
        double mc = lightness - 0.1055613458 * a - 0.0638541728 * b;
        double sc = lightness - 0.0894841775 * a - 1.2914855480 * b;
        double lv = lc * lc * lc;
        double mv = mc * mc * mc;
        double sv = sc * sc * sc;
        return new double[] {
            4.0767416621 * lv - 3.3077115913 * mv + 0.2309699292 * sv,
            -1.2684380046 * lv + 2.6097574011 * mv - 0.3413193965 * sv,
            -0.0041960863 * lv - 0.7034186147 * mv + 1.7076147010 * sv};
    }

    private static int channel(double linear) {
        double v = Math.max(0, Math.min(1, linear));
        double encoded = v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
        return (int) Math.round(encoded * 255);
    }

    private static double toLinear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
