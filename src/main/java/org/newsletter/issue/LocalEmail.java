package org.newsletter.issue;

import java.net.URI;

/**
 * The email as it can be opened from the build folder before anything is published. The email
 * refers to its images, calendar files and web version by absolute URL under {@code base_url}
 * ({@code BASE/archive/SLUG/…}), where nothing is yet while someone writes, so opened from disk it
 * shows broken images. The build folder holds the same files at the same paths relative to it, so
 * dropping that prefix makes each such link point at the copy beside the page, and "view in browser"
 * at {@code web.html}. Other addresses (unsubscribe, the archive, other sites) stay as they are.
 */
final class LocalEmail {

    /** The file name of the local copy in the build folder. */
    static final String FILE = "email-local.html";

    private LocalEmail() {
    }

    static String of(String emailHtml, URI issueUrl) {
        String published = issueUrl.toString();
        return emailHtml.replace("\"" + published + "\"", "\"web.html\"").replace(published, "");
    }
}
