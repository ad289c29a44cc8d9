package dev.serverlesscontainers.devmode.supervisor;

import dev.serverlesscontainers.devmode.threads.DaemonThreads;
import dev.serverlesscontainers.devmode.logs.LogHub;
import dev.serverlesscontainers.devmode.target.Upstream;
import dev.serverlesscontainers.devmode.runtime.Instance;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Instances on their way out. A replaced instance is drained, its connections closed, then it is
 * stopped, off the supervisor's thread so the next reload need not wait. Every instance stopped on
 * purpose is remembered, so that its exit is not taken for a crash.
 */
final class Retirements {
    private final String container;
    private final LogHub logs;
    private final SupervisorOptions options;
    private final ExecutorService threads;
    private final Set<Instance> onPurpose = ConcurrentHashMap.newKeySet();

    Retirements(String container, LogHub logs, SupervisorOptions options) {
        this.container = container;
        this.logs = logs;
        this.options = options;
        this.threads = Executors.newCachedThreadPool(DaemonThreads.named("scf-dev-" + container + "-retire"));
    }

    /** Traffic has moved on: let the old instance answer what it took, then stop it. */
    void retire(Instance old, Upstream upstream) {
        Runnable retirement = () -> {
            try {
                if (!upstream.drain(options.drainTimeout())) {
                    logs.event(container, old.id() + " still had " + upstream.inFlight() + " requests after "
                            + options.drainTimeout().toSeconds() + " s; stopping it anyway");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            upstream.close();
            try {
                stop(old);
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return; // scf-dev is stopping, and its runtime stops every instance it has
                }
                logs.event(container, "could not stop " + old.id() + ": " + e.getMessage());
                return;
            }
            if (options.debug()) {
                logs.event(container, "stopped " + old.id());
            }
        };
        try {
            threads.execute(retirement);
        } catch (RejectedExecutionException stopping) {
            // scf-dev is stopping, and its runtime stops every instance it has
            expectExit(old);
            upstream.close();
        }
    }

    /** Stops an instance now, on purpose. */
    void stop(Instance instance) {
        expectExit(instance);
        instance.stop(options.stopGrace());
    }

    /** The instance will exit on purpose (its runtime stops it): that exit is no crash. */
    void expectExit(Instance instance) {
        onPurpose.add(instance);
    }

    /** Whether an exit was on purpose; each exit is asked about once. */
    boolean exitWasExpected(Instance instance) {
        return onPurpose.remove(instance);
    }

    /** Takes no more retirements; those under way run to their end. */
    void finish() {
        threads.shutdown();
    }

    void shutdown() {
        threads.shutdownNow();
    }
}
