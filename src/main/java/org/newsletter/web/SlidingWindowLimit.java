package org.newsletter.web;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most {@code max} events per key within a moving window (e.g. 5 subscribe requests per address
 * per hour). Memory is bounded: past {@code maxKeys} keys it forgets the key that has been quiet the
 * longest. A flood of new keys (say 100,000 made-up X-Forwarded-For values) so only makes it forget
 * old ones sooner; refusing new keys instead would lock the form for every newcomer until the
 * flood's window ran out.
 */
final class SlidingWindowLimit {

    private final int max;
    private final long windowMillis;
    private final Clock clock;
    /** In access order: the eldest entry is the key least recently seen. */
    private final LinkedHashMap<String, Deque<Long>> events;

    SlidingWindowLimit(int max, Duration window, int maxKeys, Clock clock) {
        this.max = max;
        this.windowMillis = window.toMillis();
        this.clock = clock;
        this.events = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** Records an event for {@code key} and says whether it is within the limit. */
    synchronized boolean tryAcquire(String key) {
        long now = clock.millis();
        Deque<Long> live = events.get(key);
        if (live == null) {
            live = new ArrayDeque<>();
            events.put(key, live);
        }
        while (!live.isEmpty() && live.peekFirst() <= now - windowMillis) {
            live.pollFirst();
        }
        if (live.size() >= max) {
            return false;
        }
        live.addLast(now);
        return true;
    }

    /** How many keys are remembered now. */
    synchronized int keys() {
        return events.size();
    }
}
