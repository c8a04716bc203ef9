package org.newsletter.web;

/**
 * The plain pages for what went wrong. A bad token, a missing page and a page for someone else all
 * look the same (404), so a probe learns nothing from the answer.
 */
public final class ErrorPages {

    private final PageLayout layout;

    public ErrorPages(PageLayout layout) {
        this.layout = layout;
    }

    public Response notFound() {
        return page(404, "This link is not valid (any more). If you copied it from an email, check that it is complete.");
    }

    public Response page(int status, String message) {
        String title = switch (status) {
            case 404 -> "Page not found";
            case 405 -> "Not allowed";
            case 413 -> "Request too large";
            case 429 -> "Too many requests";
            default -> status >= 500 ? "Something went wrong" : "Cannot do that";
        };
        return Response.html(status, layout.page(title, "<p>" + org.newsletter.render.HtmlEscape.escape(message) + "</p>"));
    }
}
