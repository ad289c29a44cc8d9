package dev.serverlesscontainers.devmode.runtime;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** One running instance of a container: a host process, or a Docker container. */
public interface Instance {

    /** A short id for logs and the control plane: {@code pid 1234}, or a container's short id. */
    String id();

    /** Where the app answers HTTP, on the loopback interface. */
    InetSocketAddress address();

    /** Completes with the exit code when the instance ends, for whatever reason. */
    CompletionStage<Integer> exited();

    /**
     * Asks the app to stop (SIGTERM), waits up to {@code grace}, then kills it; removes what belongs
     * to this instance. Returns when it is gone. Safe to call more than once.
     */
    void stop(Duration grace);

    /**
     * Why the app might not be reachable at {@link #address()}, when the runtime can tell: it listens
     * on another port than {@code PORT}, or only on an interface the proxy cannot reach. Empty when
     * it listens where it should, or when the runtime cannot see. Called when a health check keeps
     * failing, to turn "not healthy" into the fix.
     */
    default Optional<String> listeningProblem() {
        return Optional.empty();
    }

    /**
     * What works in this instance but will not in a container: an app that listens on 127.0.0.1
     * only, say. Empty when nothing, or when the runtime cannot see. Called once the instance is
     * healthy, to warn before the deploy fails.
     */
    default Optional<String> deploymentWarning() {
        return Optional.empty();
    }
}
