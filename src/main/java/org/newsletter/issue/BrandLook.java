package org.newsletter.issue;

import org.newsletter.config.Workspace;
import org.newsletter.model.Brand;
import org.newsletter.render.BrandView;

/**
 * The workspace's brand as templates see it. The logo is published under the base URL at its path in
 * the workspace ({@code brand/logo.png} → {@code BASE/brand/logo.png}), where {@code serve} serves it,
 * like an issue's images: mail clients need an absolute address.
 */
public final class BrandLook {

    /** The folder whose files {@code serve} publishes at {@code BASE/brand/}. */
    public static final String FOLDER = "brand";

    private BrandLook() {
    }

    public static BrandView of(Workspace workspace) {
        Brand brand = workspace.brand();
        String logo = brand.logoImage() == null ? null : workspace.site().baseUrl().resolve(brand.logoImage().strip()).toString();
        return BrandView.of(brand, logo);
    }
}
