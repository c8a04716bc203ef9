package org.newsletter.web;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code max} events per key within a moving window (e.g. 5 subscribe requests per address
 * per hour). Memory is bounded: past {@code maxKeys} keys it forgets the expired ones, and if all are
 * live it refuses new keys, failing closed under a flood rather than growing without end.
 */
final class SlidingWindowLimit {

    private final int max;
    private final long windowMillis;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, Deque<Long>> events = new ConcurrentHashMap<>();

    SlidingWindowLimit(int max, Duration window, int maxKeys, Clock clock) {
        this.max = max;
        this.windowMillis = window.toMillis();
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** Records an event for {@code key} and says whether it is within the limit. */
    boolean tryAcquire(String key) {
        long now = clock.millis();
        if (events.size() >= maxKeys && !events.containsKey(key)) {
            forgetExpired(now);
            if (events.size() >= maxKeys) {
                return false;
            }
        }
        boolean[] allowed = new boolean[1];
        events.compute(key, (k, times) -> {
            Deque<Long> live = times == null ? new ArrayDeque<>() : times;
            while (!live.isEmpty() && live.peekFirst() <= now - windowMillis) {
                live.pollFirst();
            }
            allowed[0] = live.size() < max;
            if (allowed[0]) {
                live.addLast(now);
            }
            return live;
        });
        return allowed[0];
    }

    private void forgetExpired(long now) {
        for (Iterator<Map.Entry<String, Deque<Long>>> it = events.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Deque<Long>> entry = it.next();
            events.computeIfPresent(entry.getKey(), (k, times) -> {
                Long newest = times.peekLast();
                return newest == null || newest <= now - windowMillis ? null : times;
            });
        }
    }
}
