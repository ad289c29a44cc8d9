package dev.serverlesscontainers.devmode.supervisor;

import java.util.Locale;

/**
 * How long each step of one replacement took, for {@code --debug}: the reload hook, starting the
 * instance, its health check, and switching the route. Measured on one monotonic clock, so the
 * figures add up; what the app spends booting is inside the health check's time.
 */
final class StepTimes {
    private final long begun = System.nanoTime();
    private long hookDone = begun;
    private long started;
    private long healthy;
    private long switched;

    void hookDone() {
        hookDone = System.nanoTime();
    }

    void started() {
        started = System.nanoTime();
    }

    void healthy() {
        healthy = System.nanoTime();
    }

    void switched() {
        switched = System.nanoTime();
    }

    /** {@code steps: hook 0.0 ms, start 4.2 ms, health check 38.1 ms, switch 0.3 ms; 42.6 ms in all}. */
    String describe() {
        return String.format(Locale.ROOT, "steps: hook %.1f ms, start %.1f ms, health check %.1f ms, switch %.1f ms; %.1f ms in all",
                ms(begun, hookDone), ms(hookDone, started), ms(started, healthy), ms(healthy, switched), ms(begun, switched));
    }

    private static double ms(long from, long to) {
        return (to - from) / 1e6;
    }
}
