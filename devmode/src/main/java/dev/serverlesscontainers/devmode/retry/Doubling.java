package dev.serverlesscontainers.devmode.retry;

import java.time.Duration;

/** The one backoff rule scf-dev retries by (a crashed container, a failed credential renewal): each wait twice the last, up to a limit. */
public final class Doubling {
    private Doubling() {}

    /** The wait before try number {@code n} in a row (1 for the first): {@code first} doubled {@code n - 1} times, at most {@code max}. */
    public static Duration delay(Duration first, Duration max, int n) {
        Duration d = first;
        for (int i = 1; i < n && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
