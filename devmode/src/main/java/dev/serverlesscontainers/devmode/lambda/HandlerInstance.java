package dev.serverlesscontainers.devmode.lambda;

import dev.serverlesscontainers.devmode.runtime.Instance;

/**
 * One execution environment: an instance of the container and the Runtime API it polls.
 *
 * @param startedNanos {@link System#nanoTime()} when it was started, for its init time
 */
public record HandlerInstance(Instance instance, RuntimeApi api, long startedNanos) {

    /** Stops the instance and its Runtime API. */
    void stop(java.time.Duration grace) {
        try {
            instance.stop(grace);
        } finally {
            api.close();
        }
    }
}
