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
    void pastItsKeyLimitItForgetsExpiredKeysAndRefusesNewOnesWhileAllAreLive() {
        SlidingWindowLimit limit = new SlidingWindowLimit(5, Duration.ofMinutes(10), 2, clock);
        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("b")).isTrue();
        assertThat(limit.tryAcquire("c")).as("a flood of new keys fails closed").isFalse();
        assertThat(limit.tryAcquire("a")).as("known keys still count").isTrue();

        clock.advance(Duration.ofMinutes(11));
        assertThat(limit.tryAcquire("c")).as("expired keys are forgotten to make room").isTrue();
        assertThat(limit.tryAcquire("d")).isTrue();
    }
}
