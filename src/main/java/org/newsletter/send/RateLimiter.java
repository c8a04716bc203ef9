package org.newsletter.send;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.newsletter.config.SendingSettings;

/**
 * Spaces messages out to stay within a per-second and a per-hour limit, shared by all sender threads.
 * Each limit is a token bucket holding a single token: messages are spread evenly (20/s means one
 * every 50 ms), so no sliding second or hour ever sees more than its quota, and a pause is never
 * followed by a burst. A bucket holding a whole period's worth would allow twice the quota across a
 * period boundary, which is what providers' limits count.
 */
final class RateLimiter {

    /** Waits; separated out so tests need not sleep. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Bucket perSecond;
    private final Bucket perHour;
    private final Sleeper sleeper;

    RateLimiter(SendingSettings.Rate rate, Sleeper sleeper) {
        this.perSecond = rate.perSecond() > 0 ? new Bucket(rate.perSecond(), 1) : null;
        this.perHour = rate.perHour() > 0 ? new Bucket(rate.perHour() / 3600.0, 1) : null;
        this.sleeper = sleeper;
    }

    static RateLimiter unlimited() {
        return new RateLimiter(SendingSettings.Rate.UNLIMITED, d -> { });
    }

    /** Blocks until one more message may go. */
    void acquire() throws InterruptedException {
        acquire(() -> false);
    }

    /**
     * Blocks until one more message may go, and returns true; or returns false, without taking a turn, as
     * soon as {@code stopped} says the run is stopping (the sleeper wakes up for that).
     */
    boolean acquire(BooleanSupplier stopped) throws InterruptedException {
        while (true) {
            if (stopped.getAsBoolean()) {
                return false;
            }
            long waitNanos;
            synchronized (this) {
                long now = System.nanoTime();
                waitNanos = Math.max(wait(perSecond, now), wait(perHour, now));
                if (waitNanos <= 0) {
                    take(perSecond);
                    take(perHour);
                    return true;
                }
            }
            sleeper.sleep(Duration.ofNanos(waitNanos));
        }
    }

    private static long wait(Bucket bucket, long now) {
        return bucket == null ? 0 : bucket.nanosUntilToken(now);
    }

    private static void take(Bucket bucket) {
        if (bucket != null) {
            bucket.tokens -= 1;
        }
    }

    /** Tokens refill continuously at {@code perSecond} up to {@code capacity}. */
    private static final class Bucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long updated = System.nanoTime();

        Bucket(double perSecond, double capacity) {
            this.perNano = perSecond / 1e9;
            this.capacity = capacity;
            this.tokens = capacity;
        }

        long nanosUntilToken(long now) {
            tokens = Math.min(capacity, tokens + (now - updated) * perNano);
            updated = now;
            return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
        }
    }
}
