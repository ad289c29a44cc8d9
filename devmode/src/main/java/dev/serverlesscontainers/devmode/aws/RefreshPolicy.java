package dev.serverlesscontainers.devmode.aws;

import dev.serverlesscontainers.devmode.retry.Doubling;
import java.time.Duration;

/**
 * When temporary credentials are renewed, and how failed renewals are retried.
 *
 * <p>Renewal happens at {@code renewAtFraction} of the lifetime or {@code renewBeforeExpiry} before
 * the end, whichever comes first, but never before {@code earliestFraction} of the lifetime, so that
 * very short sessions are not renewed in a loop. For the usual one-hour session that is 48 minutes
 * after issue, leaving the supervisor twelve minutes to reload the container.
 *
 * @param renewAtFraction share of the lifetime after which to renew (0.8)
 * @param renewBeforeExpiry renew at the latest this long before expiry (5 minutes)
 * @param earliestFraction never renew before this share of the lifetime (0.5)
 * @param firstRetry wait after a failed renewal before trying again; doubles on every failure
 * @param maxRetry the longest wait between retries
 */
public record RefreshPolicy(
        double renewAtFraction, Duration renewBeforeExpiry, double earliestFraction, Duration firstRetry, Duration maxRetry) {

    public static final RefreshPolicy DEFAULT =
            new RefreshPolicy(0.8, Duration.ofMinutes(5), 0.5, Duration.ofSeconds(15), Duration.ofMinutes(2));

    public RefreshPolicy {
        if (!(renewAtFraction > 0 && renewAtFraction < 1) || !(earliestFraction > 0 && earliestFraction <= renewAtFraction)) {
            throw new IllegalArgumentException("fractions must satisfy 0 < earliestFraction <= renewAtFraction < 1 (got "
                    + earliestFraction + ", " + renewAtFraction + ")");
        }
        if (renewBeforeExpiry.isNegative() || firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("durations must be positive and maxRetry >= firstRetry (got " + renewBeforeExpiry
                    + ", " + firstRetry + ", " + maxRetry + ")");
        }
    }

    /** How long after issue credentials that live {@code lifetime} are renewed. */
    public Duration renewAfter(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            return Duration.ZERO;
        }
        long life = lifetime.toMillis();
        long byFraction = (long) (life * renewAtFraction);
        long byMargin = life - renewBeforeExpiry.toMillis();
        long earliest = (long) (life * earliestFraction);
        return Duration.ofMillis(Math.max(Math.min(byFraction, byMargin), earliest));
    }

    /** The wait before retry number {@code attempt} (1 for the first retry). */
    public Duration retryDelay(int attempt) {
        return Doubling.delay(firstRetry, maxRetry, attempt);
    }
}
