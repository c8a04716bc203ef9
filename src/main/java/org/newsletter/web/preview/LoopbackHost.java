package org.newsletter.web.preview;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.newsletter.web.Handler;
import org.newsletter.web.Response;
import org.newsletter.web.Route;

/**
 * Answers only requests addressed to this computer by its own names (127.0.0.1, localhost, [::1]).
 * Listening on loopback keeps other machines out, but not other web sites: a page on a name its owner
 * points at 127.0.0.1 ("DNS rebinding") would otherwise count as the same site as the preview and
 * could read drafts, subscribers' details and the outbox through the visitor's browser. Such a
 * request carries that other name in its Host header, so it is refused.
 */
final class LoopbackHost {

    private static final Set<String> NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

    private LoopbackHost() {
    }

    /** A GET (and HEAD) route whose handler runs only for requests to this computer's own names. */
    static Route get(String regex, Handler handler) {
        return Route.get(regex, only(handler));
    }

    static Handler only(Handler handler) {
        return request -> isLoopback(request.header("Host"))
                ? handler.handle(request)
                : Response.text(403, "The preview answers only to http://127.0.0.1:PORT/ on this computer.\n");
    }

    /** {@code Host} without its port names this computer; a missing Host (HTTP/1.0) is refused too. */
    static boolean isLoopback(Optional<String> host) {
        if (host.isEmpty()) {
            return false;
        }
        String name = host.get().strip().toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf(']')) {
            name = name.substring(0, colon);
        }
        return NAMES.contains(name);
    }
}
