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

    /**
     * For an app that ignores {@code PORT} and listens on a port of its own (SCF gave every container
     * 8080, and many apps keep it): when nothing answers on {@code PORT} and the app listens on one
     * other port, the instance takes that port as its {@link #address()} and says so. Called while the
     * health check gets no connection. Empty when nothing changed, or when the runtime cannot see.
     */
    default Optional<String> followFixedPort() {
        return Optional.empty();
    }

    /**
     * Whether the app listens on a port of its own ({@link #followFixedPort()}): then two instances
     * cannot run side by side, and a replacement stops this one before the next one starts.
     */
    default boolean onFixedPort() {
        return false;
    }

    /** The command the instance runs and where it came from ({@code `npm run dev` (package.json dev script)}), when the runtime chose it. */
    default Optional<String> startedWith() {
        return Optional.empty();
    }
}
