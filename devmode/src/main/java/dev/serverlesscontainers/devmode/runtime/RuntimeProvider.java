package dev.serverlesscontainers.devmode.runtime;

/**
 * One way to run containers that {@code scf-dev --runtime NAME} can select. {@code --runtime auto}
 * asks each registered provider, in order of preference, whether it can work here and takes the
 * first that can, saying which and why.
 */
public interface RuntimeProvider {

    /** The {@code --runtime} value that selects it: {@code process}, {@code docker}. */
    String name();

    /**
     * Whether the runtime can work on this machine right now, and in words for the user why (not):
     * "no Docker engine answered at unix:///var/run/docker.sock". Returns within a few seconds.
     */
    Availability probe(RuntimeEnvironment environment);

    /**
     * Creates the runtime. Called once, after a successful {@link #probe}.
     *
     * @throws StartFailure when it cannot be created after all; the message says why and what to do
     */
    ContainerRuntime create(RuntimeEnvironment environment) throws StartFailure;

    /** The answer of {@link #probe}. */
    record Availability(boolean available, String explanation) {
        public static Availability available(String explanation) {
            return new Availability(true, explanation);
        }

        public static Availability unavailable(String explanation) {
            return new Availability(false, explanation);
        }
    }
}
