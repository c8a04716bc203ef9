package org.newsletter.web;

import java.util.Map;

/**
 * The plain pages for what went wrong, from {@code templates/pages/error.ftlh}. A bad token, a
 * missing page and a page for someone else all look the same (404), so a probe learns nothing from
 * the answer.
 */
public final class ErrorPages {

    private final ReaderPages pages;

    public ErrorPages(ReaderPages pages) {
        this.pages = pages;
    }

    public Response notFound() {
        return page(404, "error.notFound");
    }

    /** @param messageKey the key, in the message bundles, of what went wrong (e.g. "error.tooLarge") */
    public Response page(int status, String messageKey) {
        String title = switch (status) {
            case 404, 405, 413, 429 -> "error." + status + ".title";
            default -> status >= 500 ? "error.5xx.title" : "error.4xx.title";
        };
        return pages.page(status, "error", pages.defaultLanguage(), Map.of("title", title, "message", messageKey));
    }
}
