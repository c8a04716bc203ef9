package org.newsletter.issue;

import java.util.ArrayList;
import java.util.List;
import org.newsletter.config.Workspace;
import org.newsletter.model.Brand;
import org.newsletter.model.Diagnostic;
import org.newsletter.model.SourcePosition;
import org.newsletter.render.BrandView;
import org.newsletter.render.Contrast;

/**
 * What {@code check} says about {@code brand:} in newsletter.yaml: every pair of colours that text
 * is read on must reach WCAG AA (4.5:1) in the light and the dark scheme, and a logo needs its alt
 * text (it stands in for the organisation's name, which is not shown beside it).
 */
final class BrandCheck {

    private BrandCheck() {
    }

    static List<Diagnostic> check(Workspace workspace) {
        Brand brand = workspace.brand();
        if (brand.position() == null) {
            return List.of();
        }
        SourcePosition at = brand.position();
        List<Diagnostic> findings = new ArrayList<>();
        if (brand.logoImage() != null && (brand.logoAlt() == null || brand.logoAlt().isBlank())) {
            findings.add(Diagnostic.error(at, "brand.logo has no alt: write the organisation's name as the logo shows it"));
        }
        if (brand.logoImage() != null && !java.nio.file.Files.isRegularFile(workspace.root().resolve(brand.logoImage().strip()))) {
            findings.add(Diagnostic.error(at, "brand.logo.image '" + brand.logoImage() + "' is not a file in the workspace"));
        } else if (brand.logoImage() != null && !brand.logoImage().strip().startsWith(BrandLook.FOLDER + "/")) {
            findings.add(Diagnostic.error(at, "brand.logo.image must be in the workspace's brand/ folder, which serve publishes"));
        }
        BrandView look = BrandLook.of(workspace);
        pairs(findings, at, "light", look.light());
        pairs(findings, at, "dark", look.dark());
        return findings;
    }

    private static void pairs(List<Diagnostic> findings, SourcePosition at, String scheme, BrandView.Palette p) {
        pair(findings, at, scheme, "text", p.text(), "background", p.background());
        pair(findings, at, scheme, "text", p.text(), "the content's background", p.card());
        pair(findings, at, scheme, "link", p.link(), "the content's background", p.card());
        pair(findings, at, scheme, "accent (headings)", p.accent(), "the content's background", p.card());
        pair(findings, at, scheme, "button text", p.onAccent(), "accent", p.accent());
        // A callout's tint is the card with a little accent in it: said only when the card itself passes.
        if (Contrast.ratio(p.text(), p.card()) >= Contrast.AA) {
            pair(findings, at, scheme, "text", p.text(), "a callout's tint", p.tint());
        }
        if (Contrast.ratio(p.link(), p.card()) >= Contrast.AA) {
            pair(findings, at, scheme, "link", p.link(), "a callout's tint", p.tint());
        }
    }

    private static void pair(List<Diagnostic> findings, SourcePosition at, String scheme, String fore, String foreColor, String back,
            String backColor) {
        double ratio = Contrast.ratio(foreColor, backColor);
        if (ratio < Contrast.AA) {
            findings.add(Diagnostic.error(at, String.format(java.util.Locale.ROOT,
                    "brand colours, %s scheme: %s %s on %s %s has a contrast of %.2f:1, under the 4.5:1 WCAG AA asks of text",
                    scheme, fore, foreColor, back, backColor, ratio)));
        }
    }
}
