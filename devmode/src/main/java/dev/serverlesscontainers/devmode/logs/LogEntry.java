package dev.serverlesscontainers.devmode.logs;

import java.time.Instant;

/**
 * One line of a container's log: what the app printed, or what scf-dev says about the container
 * (started, reloaded, crashed).
 *
 * @param instance the instance that printed it ({@code pid 1234}); empty for scf-dev's own lines
 */
public record LogEntry(Instant time, String container, String instance, Source source, String text) {

    /** Where a line came from. */
    public enum Source {
        STDOUT("stdout"), STDERR("stderr"), SCF_DEV("scf-dev");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
