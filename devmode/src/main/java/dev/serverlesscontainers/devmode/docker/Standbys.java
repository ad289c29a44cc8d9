package dev.serverlesscontainers.devmode.docker;

import dev.serverlesscontainers.devmode.threads.DaemonThreads;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One container per mounted app, created and started ahead of time, so that a reload does not wait
 * for Docker to start a container (120-150 ms of the engine's own, most of a reload; see
 * BENCHMARKS.md). A standby runs a shell that waits for SIGUSR1 and then executes the app's command;
 * as the app's source is mounted, the app reads the code as it is when the signal comes.
 *
 * <p>A standby is used only by a start with exactly the same image, environment, network and plan
 * (new temporary credentials, say, make it stale: it is removed and the start goes the usual way).
 * After each start of a mounted app the next standby is prepared in the background, a moment later.
 */
final class Standbys implements AutoCloseable {
    /**
     * The waiting shell: {@code $0} is the app's command. The init process signals the whole process
     * group, so the sleeping child ignores SIGUSR1 (the shell would report it killed); the shell's own
     * trap is set after it, and a standby is taken only {@link #SETTLE} after it started, so the
     * signal never arrives before the trap.
     */
    static final String WAITER = "trap '' USR1; sleep 2147483647 & waiter=$!; "
            + "trap 'kill $waiter 2>/dev/null; exec sh -c \"$0\"' USR1; wait $waiter";
    static final Duration SETTLE = Duration.ofMillis(50);
    /**
     * How long after a start the next standby is prepared: starting a container takes the engine a
     * core's worth of work, which would slow the boot of the app that was just started.
     */
    static final Duration PREPARE_AFTER = Duration.ofSeconds(1);

    /** What makes two starts of a container interchangeable. */
    record Key(String image, List<String> environment, String network, RunPlan plan) {}

    private record Ready(Key key, DockerInstance instance, long usableFromNanos) {}

    private final DockerClient docker;
    private final Consumer<String> notices;
    private final Map<String, Ready> byContainer = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor preparing = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("scf-dev-docker-standby"));
    private volatile boolean closed;

    Standbys(DockerClient docker, Consumer<String> notices) {
        this.docker = docker;
        this.notices = notices;
        // a standby not yet begun when scf-dev stops is not made at all
        preparing.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Creates and starts a waiting container. */
    interface Launch {
        DockerInstance launch() throws Exception;
    }

    /** The container's standby, woken up to run the app, when there is one for exactly {@code key}. */
    Optional<DockerInstance> take(String container, Key key) {
        Ready ready = byContainer.remove(container);
        if (ready == null) {
            return Optional.empty();
        }
        if (!ready.key().equals(key) || System.nanoTime() < ready.usableFromNanos()
                || ready.instance().exited().toCompletableFuture().isDone()) {
            discard(ready.instance());
            return Optional.empty();
        }
        try {
            docker.killContainerCmd(ready.instance().containerId()).withSignal("USR1").exec();
        } catch (DockerException | IllegalStateException e) {
            discard(ready.instance());
            return Optional.empty();
        }
        return Optional.of(ready.instance());
    }

    /** Prepares the container's next standby in the background, replacing any it had. */
    void prepare(String container, Key key, Launch launch) {
        if (closed) {
            return;
        }
        preparing.schedule(() -> {
            DockerInstance instance;
            try {
                instance = launch.launch();
            } catch (Exception e) {
                // no standby then: the next reload starts a container the usual way
                notices.accept("could not prepare a standby container for " + container + ": " + e.getMessage());
                return;
            }
            if (closed) {
                instance.stop(Duration.ZERO);
                return;
            }
            Ready previous = byContainer.put(container, new Ready(key, instance, System.nanoTime() + SETTLE.toNanos()));
            if (previous != null) {
                previous.instance().stop(Duration.ZERO);
            }
        }, PREPARE_AFTER.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void discard(DockerInstance instance) {
        preparing.execute(() -> instance.stop(Duration.ZERO));
    }

    /** Removes every standby, after letting one being prepared finish. */
    @Override
    public void close() {
        closed = true;
        preparing.shutdown();
        try {
            preparing.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (String container : List.copyOf(byContainer.keySet())) {
            Ready r = byContainer.remove(container);
            if (r != null) {
                r.instance().stop(Duration.ZERO);
            }
        }
    }
}
