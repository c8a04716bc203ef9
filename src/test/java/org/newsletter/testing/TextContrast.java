package org.newsletter.testing;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The contrast of every visible text on the page the browser shows, as WCAG 2.x computes it
 * (relative luminance, (L1 + 0.05) / (L2 + 0.05)): the text's computed colour against the background
 * it actually sits on, found by walking up its ancestors and blending translucent backgrounds until an
 * opaque one (or the canvas) is reached. It measures what Chromium renders, inline styles, the
 * {@code @media} rules and the emulated colour scheme included, so a screenshot cannot show unreadable
 * text while its test passes.
 */
public final class TextContrast {

    /** WCAG 2.x AA for normal text (success criterion 1.4.3); applied to every text here, large or not. */
    public static final double AA = 4.5;

    private static final String MEASURE = """
            const parse = c => {
                const m = /rgba?\\(([^)]*)\\)/.exec(c);
                if (!m) return null;
                const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
                return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
            };
            const over = (top, below) => ({
                r: top.r * top.a + below.r * (1 - top.a),
                g: top.g * top.a + below.g * (1 - top.a),
                b: top.b * top.a + below.b * (1 - top.a),
                a: 1
            });
            const dark = matchMedia('(prefers-color-scheme: dark)').matches
                && /dark/.test(getComputedStyle(document.documentElement).colorScheme);
            // The canvas behind everything: Chromium's own for the scheme the page opted into.
            const canvas = dark ? {r: 18, g: 18, b: 18, a: 1} : {r: 255, g: 255, b: 255, a: 1};
            const background = e => {
                const layers = [];
                for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
                    const c = parse(getComputedStyle(n).backgroundColor);
                    if (c && c.a > 0) {
                        layers.push(c);
                        if (c.a >= 1) break;
                    }
                }
                return layers.reverse().reduce((below, top) => over(top, below), canvas);
            };
            const luminance = c => {
                const ch = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b);
            };
            const ratio = (a, b) => {
                const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
                return (l1 + 0.05) / (l2 + 0.05);
            };
            const hex = c => '#' + [c.r, c.g, c.b].map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
            const visible = (text, e) => {
                for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
                    const s = getComputedStyle(n);
                    if (s.display === 'none' || s.visibility === 'hidden' || s.visibility === 'collapse' || Number(s.opacity) === 0) return false;
                }
                const range = document.createRange();
                range.selectNodeContents(text);
                const rects = Array.from(range.getClientRects()).filter(r => r.width > 0 && r.height > 0);
                // Moved off the page on purpose (a honeypot field's label): nobody sees it.
                return rects.some(r => r.right + window.scrollX > 0 && r.bottom + window.scrollY > 0);
            };
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            const texts = [];
            for (let t = walker.nextNode(); t; t = walker.nextNode()) {
                const words = t.nodeValue.replace(/[\\s\\u034f\\u2007\\u00a0]+/g, ' ').trim();
                const e = t.parentElement;
                if (!words || !e || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TITLE', 'OPTION'].includes(e.tagName) || !visible(t, e)) continue;
                const fg = parse(getComputedStyle(e).color) || {r: 0, g: 0, b: 0, a: 1};
                const bg = background(e);
                const shown = over(fg, bg);
                const path = [];
                for (let n = e; n && n !== document.body && path.length < 4; n = n.parentElement) {
                    path.unshift(n.tagName.toLowerCase() + (typeof n.className === 'string' && n.className.trim()
                        ? '.' + n.className.trim().split(/\\s+/).join('.') : ''));
                }
                texts.push({text: words.slice(0, 50), element: path.join(' > '), color: hex(shown), background: hex(bg),
                    ratio: Math.round(ratio(shown, bg) * 100) / 100});
            }
            return texts;
            """;

    private TextContrast() {
    }

    /** One visible text: its first words, where it is, the colours as shown and their contrast ratio. */
    public record Text(String text, String element, String color, String background, double ratio) {
        @Override
        public String toString() {
            return String.format("%.2f:1 %s on %s in %s: \"%s\"", ratio, color, background, element, text);
        }
    }

    /** Every visible text node of the page {@code driver} shows now. */
    @SuppressWarnings("unchecked")
    public static List<Text> measure(ChromeDriver driver) {
        List<Map<String, Object>> raw = (List<Map<String, Object>>) driver.executeScript(MEASURE);
        return raw.stream().map(m -> new Text((String) m.get("text"), (String) m.get("element"), (String) m.get("color"),
                (String) m.get("background"), ((Number) m.get("ratio")).doubleValue())).toList();
    }

    /** The texts under {@link #AA}. */
    public static List<Text> unreadable(ChromeDriver driver) {
        return measure(driver).stream().filter(t -> t.ratio() < AA).toList();
    }
}
