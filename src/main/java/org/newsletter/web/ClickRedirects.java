package org.newsletter.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.model.LinkClicks;
import org.newsletter.model.Tracking;
import org.newsletter.store.StorePool;
import org.newsletter.store.TrackingEvent;

/**
 * {@code /c/TOKEN}, a click-tracked link, and {@code /o/TOKEN.gif}, a campaign's counted image
 * (see {@code message.LinkTracking} for the tokens). A genuine click token is answered 302 to the link
 * the campaign recorded before it went out, never to anything the request says; anything altered gets
 * the plain 404 page. The count is queued for {@link TrackingWriter}, so the answer does not wait for
 * the database.
 *
 * <p>What is counted follows newsletter.yaml as it is now: with clicks (or opens) off the links still
 * work and nothing is kept; a token made in {@code per_person} mode is counted without the person
 * once the workspace has gone back to {@code aggregate}.
 *
 * <p>A request is counted as <em>automated</em>, not as a person, when it is a HEAD, when its
 * User-Agent is a known scanner's ({@link ScannerAgents}) or missing, or when it comes within
 * {@link #AFTER_DELIVERY} of delivery: of that person's message when the token names them, else of
 * the campaign's latest accepted message. Mail security gateways fetch every link as the message
 * arrives; people take longer to read it. The campaign's latest delivery is read at most every
 * {@link #LAST_DELIVERY_REUSE}; when it is older than the window, nobody is looked up.
 */
final class ClickRedirects {

    /** How soon after delivery a request is taken for a scanner's. */
    static final Duration AFTER_DELIVERY = Tracking.AUTOMATED_WITHIN;
    /** How long a campaign's latest delivery time is reused before it is read again. */
    private static final Duration LAST_DELIVERY_REUSE = Duration.ofSeconds(10);
    private static final String TOKEN = "([0-9A-Za-z._-]{1,160})";
    /** The smallest transparent GIF: 1×1, one colour (GIF89a). */
    private static final byte[] PIXEL = java.util.Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final StorePool stores;
    private final SubscriberTokens tokens;
    private final Tracking tracking;
    private final ErrorPages errors;
    private final ScannerAgents scanners;
    private final TrackingWriter writer;
    private final Clock clock;
    /** A campaign's links never change once recorded (they are written before its first message). */
    private final Map<Long, List<String>> links = new ConcurrentHashMap<>();
    private final Map<Long, Seen> lastDelivery = new ConcurrentHashMap<>();
    private final Map<List<Long>, Instant> delivered = new ConcurrentHashMap<>();
    /** People's delivery times kept at most (about 10 MB). */
    private static final int DELIVERED_KEPT = 50_000;

    private record Seen(Optional<Instant> delivered, Instant readAt) {
    }

    ClickRedirects(StorePool stores, SubscriberTokens tokens, Tracking tracking, ErrorPages errors, ScannerAgents scanners, TrackingWriter writer,
            Clock clock) {
        this.stores = stores;
        this.tokens = tokens;
        this.tracking = tracking;
        this.errors = errors;
        this.scanners = scanners;
        this.writer = writer;
        this.clock = clock;
    }

    Routes routes() {
        return new Routes()
                .add(Route.get("/c/" + TOKEN, this::click))
                .add(Route.get("/o/" + TOKEN + "\\.gif", this::image));
    }

    /** The token's parts once both signatures are checked: campaign, link, and the person (0 when none). */
    record ClickToken(long campaign, int link, long subscriber) {
    }

    /** {@code C.L.MAC} or {@code C.L.MAC.S.MAC}; empty unless every part is genuine. */
    Optional<ClickToken> verify(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 && parts.length != 5) {
            return Optional.empty();
        }
        Optional<SubscriberTokens.Ids> link = tokens.verify(SubscriberTokens.Purpose.CLICK, parts[0] + "." + parts[1] + "." + parts[2]);
        if (link.isEmpty() || link.get().second() > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        long subscriber = 0;
        if (parts.length == 5) {
            Optional<SubscriberTokens.Ids> person = tokens.verify(SubscriberTokens.Purpose.CLICKER, parts[0] + "." + parts[3] + "." + parts[4]);
            if (person.isEmpty() || person.get().second() == 0) {
                return Optional.empty();
            }
            subscriber = person.get().second();
        }
        return Optional.of(new ClickToken(link.get().first(), (int) link.get().second(), subscriber));
    }

    private Response click(Request request) {
        Optional<ClickToken> token = verify(request.pathParameter(0));
        if (token.isEmpty()) {
            return errors.notFound();
        }
        ClickToken t = token.get();
        List<String> targets = links.computeIfAbsent(t.campaign(),
                id -> stores.with(store -> store.tracking().links(id).stream().map(LinkClicks::url).toList()));
        if (t.link() >= targets.size()) {
            return errors.notFound();
        }
        if (tracking.clicksOn()) {
            long person = tracking.clicks() == Tracking.Clicks.PER_PERSON ? t.subscriber() : 0;
            Instant now = clock.instant();
            writer.offer(TrackingEvent.click(t.campaign(), t.link(), person, automated(request, t.campaign(), person, now), now));
        }
        // The target is the issue's own link as recorded for the campaign: this can never be an open redirect.
        return new Response(302, "text/plain; charset=utf-8", new byte[0], Map.of("Location", targets.get(t.link()), "Cache-Control", "no-store"));
    }

    private Response image(Request request) {
        Optional<SubscriberTokens.Ids> ids = tokens.verify(SubscriberTokens.Purpose.IMAGE, request.pathParameter(0));
        if (ids.isEmpty() || ids.get().second() != 0) {
            return errors.notFound();
        }
        if (tracking.opens()) {
            Instant now = clock.instant();
            long campaign = ids.get().first();
            writer.offer(TrackingEvent.imageLoad(campaign, automated(request, campaign, 0, now), now));
        }
        return new Response(200, "image/gif", PIXEL, Map.of("Cache-Control", "no-store"));
    }

    private boolean automated(Request request, long campaign, long subscriber, Instant now) {
        if (request.method().equals("HEAD") || scanners.automated(request.header("User-Agent").orElse(null))) {
            return true;
        }
        Optional<Instant> last = lastDelivery(campaign, now);
        if (!withinWindow(last, now)) {
            return false; // nobody's message went out that recently: no need to look the person up
        }
        return subscriber == 0 || withinWindow(deliveredAt(campaign, subscriber), now);
    }

    private static boolean withinWindow(Optional<Instant> delivered, Instant now) {
        return delivered.isPresent() && Duration.between(delivered.get(), now).compareTo(AFTER_DELIVERY) < 0;
    }

    /**
     * When this person's message was accepted. An accepted delivery never changes, so a time once
     * found is kept (a person who clicks several links is looked up once); the map is emptied when it
     * grows large, which only costs lookups again.
     */
    private Optional<Instant> deliveredAt(long campaign, long subscriber) {
        List<Long> key = List.of(campaign, subscriber);
        Instant known = delivered.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Instant> found = stores.with(store -> store.tracking().deliveredAt(campaign, subscriber));
        if (found.isPresent()) {
            if (delivered.size() >= DELIVERED_KEPT) {
                delivered.clear();
            }
            delivered.put(key, found.get());
        }
        return found;
    }

    /** The campaign's latest delivery, read at most every {@link #LAST_DELIVERY_REUSE}: a click must not scan the journal. */
    private Optional<Instant> lastDelivery(long campaign, Instant now) {
        Seen seen = lastDelivery.get(campaign);
        if (seen == null || Duration.between(seen.readAt(), now).compareTo(LAST_DELIVERY_REUSE) >= 0 || now.isBefore(seen.readAt())) {
            seen = new Seen(stores.with(store -> store.tracking().lastDelivery(campaign)), now);
            lastDelivery.put(campaign, seen);
        }
        return seen.delivered();
    }
}
