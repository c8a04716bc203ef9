package org.newsletter.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.newsletter.config.SendingSettings;

/** The rate limiter spaces messages out; measured with real time, since it reads the system's nanosecond clock. */
class RateLimiterTest {

    static long millisFor(RateLimiter limiter, int messages) throws InterruptedException {
        long started = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            limiter.acquire();
        }
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    @Test
    void aPerSecondLimitSpacesMessagesOut() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(new SendingSettings.Rate(100, 0), d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
        // 100/s: the first goes at once, the next 30 take about 0.3 s; never much faster.
        assertThat(millisFor(limiter, 31)).isBetween(280L, 2_000L);
    }

    @Test
    void aPerHourLimitIsSpreadEvenlyRatherThanSpentInABurst() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(new SendingSettings.Rate(0, 36_000), d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
        // 36,000/h is 10/s: five messages take about 0.4 s, not an instant.
        assertThat(millisFor(limiter, 5)).isBetween(380L, 2_000L);
    }

    @Test
    void withoutALimitNothingWaits() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(SendingSettings.Rate.UNLIMITED, d -> {
            throw new AssertionError("slept " + d);
        });
        assertThat(millisFor(limiter, 10_000)).isLessThan(1_000L);
    }
}
