package dev.serverlesscontainers.devmode.supervisor;

import dev.serverlesscontainers.devmode.retry.Doubling;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How long a container waits before its next start after a crash or a failed start. Each one in a row
 * doubles the wait, up to a limit; an instance that stayed healthy for {@link #STABLE_AFTER} ends the run,
 * so its next crash waits the shortest time again. So an app that crashes on every start is not restarted
 * in a tight loop, and one that crashes now and then comes back at once.
 */
final class CrashBackoff {
    /** A crash within this long after becoming healthy counts as a crash loop: the next wait doubles. */
    static final Duration STABLE_AFTER = Duration.ofSeconds(10);

    private final Duration first;
    private final Duration max;
    private final Clock clock;
    private int inARow;
    private Instant healthySince;

    /**
     * @param first the wait after the first crash
     * @param max the longest wait
     */
    CrashBackoff(Duration first, Duration max, Clock clock) {
        this.first = first;
        this.max = max;
        this.clock = clock;
    }

    /** An instance passed its health check and serves from now on. */
    synchronized void healthy() {
        healthySince = clock.instant();
    }

    /** The serving instance exited: the wait before the restart. */
    synchronized Duration afterCrash() {
        boolean loop = healthySince != null && Duration.between(healthySince, clock.instant()).compareTo(STABLE_AFTER) < 0;
        inARow = loop ? inARow + 1 : 1;
        return delay();
    }

    /** A new instance did not start, with none serving: the wait before the next try, longer with each in a row. */
    synchronized Duration afterFailedStart() {
        inARow++;
        return delay();
    }

    private Duration delay() {
        return Doubling.delay(first, max, inARow);
    }
}
