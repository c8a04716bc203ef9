package org.newsletter.web.preview;

import java.net.URI;

/**
 * Points an issue's own web addresses at the preview. The email refers to its images, calendar files
 * and web version by absolute URL under {@code base_url} ({@code BASE/archive/SLUG/…}), where nothing
 * is published yet while someone writes; the preview serves the same paths ({@code /archive/SLUG/…})
 * from the issue folder, so the prefix is all that changes and "View in browser" opens the local web
 * version. Other addresses (unsubscribe, past issues, other sites) are left as they are.
 */
record LocalLinks(String published, String local) {

    static LocalLinks of(URI issueUrl, String slug) {
        return new LocalLinks(issueUrl.toString(), localPath(slug));
    }

    /** Where the preview serves an issue: {@code /archive/SLUG/}, the path it has under the base URL. */
    static String localPath(String slug) {
        return "/archive/" + slug + "/";
    }

    String apply(String document) {
        return document.replace(published, local);
    }
}
