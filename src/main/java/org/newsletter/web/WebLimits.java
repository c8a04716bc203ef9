package org.newsletter.web;

/**
 * How much a server will do at once: worker threads (also the number of database connections), the
 * requests that may queue for them, and the largest request body it reads.
 */
public record WebLimits(int threads, int queue, int bodyBytes) {

    public static final WebLimits DEFAULT = new WebLimits(8, 256, 16 * 1024);

    public WebLimits {
        if (threads < 1 || queue < 1 || bodyBytes < 1) {
            throw new IllegalArgumentException("web limits must be positive");
        }
    }
}
