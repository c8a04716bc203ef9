package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.newsletter.testing.MutableClock;

class SlidingWindowLimitTest {

    final MutableClock clock = new MutableClock(Instant.parse("2024-08-01T09:00:00Z"));

    @Test
    void aKeyGetsMaxEventsPerWindowAndMoreAsTheOldOnesAge() {
        SlidingWindowLimit limit = new SlidingWindowLimit(3, Duration.ofMinutes(10), 100, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(limit.tryAcquire("a")).isTrue();
            clock.advance(Duration.ofMinutes(2));
        }
        assertThat(limit.tryAcquire("a")).isFalse();
        assertThat(limit.tryAcquire("b")).as("keys are counted apart").isTrue();
        clock.advance(Duration.ofMinutes(5)); // the first event is now 11 minutes old
        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("a")).isFalse();
    }

    @Test
    void aFloodOfDistinctKeysDoesNotLockOutTheNextNewcomer() {
        // The form's own setting: 10 requests per client in 10 minutes, 100,000 clients remembered.
        SlidingWindowLimit limit = new SlidingWindowLimit(10, Duration.ofMinutes(10), 100_000, clock);
        for (int i = 0; i < 100_000; i++) {
            limit.tryAcquire("10." + (i >> 16) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff));
        }
        clock.advance(Duration.ofSeconds(50)); // the flood took about this long; all its keys are live

        assertThat(limit.tryAcquire("203.0.113.7")).as("a reader arriving after the flood").isTrue();
        assertThat(limit.keys()).isEqualTo(100_000);
    }

    @Test
    void pastItsKeyLimitItForgetsTheKeyQuietTheLongestAndKeepsCountingTheOthers() {
        SlidingWindowLimit limit = new SlidingWindowLimit(2, Duration.ofMinutes(10), 3, clock);
        assertThat(limit.tryAcquire("old")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limit.tryAcquire("busy")).isTrue();
        assertThat(limit.tryAcquire("busy")).isTrue();
        assertThat(limit.tryAcquire("busy")).as("at its limit").isFalse();
        assertThat(limit.tryAcquire("other")).isTrue();

        assertThat(limit.tryAcquire("new")).as("a fourth key is let in").isTrue();
        assertThat(limit.keys()).isEqualTo(3);
        assertThat(limit.tryAcquire("busy")).as("a key seen lately is still remembered at its limit").isFalse();
        // "old" was forgotten to make room, so it starts afresh.
        assertThat(limit.tryAcquire("old")).isTrue();
        assertThat(limit.tryAcquire("old")).isTrue();
        assertThat(limit.tryAcquire("old")).isFalse();
    }
}
