package dev.serverlesscontainers.devmode.supervisor;

import java.time.Instant;
import java.util.Optional;

/**
 * A container as the control plane reports it.
 *
 * @param instance the serving instance's id ({@code pid 1234}), when one serves
 * @param restarts how often a new instance replaced one that crashed, or was restarted on request
 * @param reloads how often a change replaced the serving instance
 * @param lastError the last reason an instance failed, while it matters
 */
public record ContainerStatus(String name, String computeType, Status status, Optional<String> instance, Optional<String> address,
                              int restarts, int reloads, Optional<Instant> lastReload, Optional<String> lastError) {

    public enum Status {
        STARTING, RUNNING, RELOADING, CRASHED, FAILED, STOPPED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
