package dev.serverlesscontainers.devmode.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How long a crashed container waits before its restart: longer in a crash loop, short again once it ran healthy. */
@Timeout(5)
class CrashBackoffTest {
    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(8);

    /** A clock the test moves. */
    private static final class Hands extends Clock {
        private Instant now = Instant.parse("2026-12-06T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final Hands clock = new Hands();
    private final CrashBackoff backoff = new CrashBackoff(FIRST, MAX, clock);

    @Test
    void anAppThatCrashesSoonAfterEachStartWaitsTwiceAsLongEachTimeUpToTheLimit() {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            backoff.healthy();
            clock.advance(Duration.ofSeconds(2));
            waits.add(backoff.afterCrash());
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(8), Duration.ofSeconds(8));
    }

    @Test
    void aCrashAfterAHealthyPeriodIsRestartedAfterTheShortestWaitAgain() {
        for (int i = 0; i < 3; i++) {
            backoff.healthy();
            waitLessThanStable();
            backoff.afterCrash();
        }
        backoff.healthy();
        clock.advance(CrashBackoff.STABLE_AFTER);

        assertThat(backoff.afterCrash()).isEqualTo(FIRST);
    }

    @Test
    void startsThatFailInARowWaitLongerEachTimeAndAHealthyRunEndsTheRun() {
        assertThat(List.of(backoff.afterFailedStart(), backoff.afterFailedStart(), backoff.afterFailedStart()))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));

        backoff.healthy();
        clock.advance(Duration.ofMinutes(1));
        assertThat(backoff.afterCrash()).isEqualTo(FIRST);
    }

    private void waitLessThanStable() {
        clock.advance(CrashBackoff.STABLE_AFTER.minusSeconds(1));
    }
}
