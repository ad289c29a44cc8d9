package dev.serverlesscontainers.devmode.target;

import dev.serverlesscontainers.devmode.lambda.Invoker;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One instance of a container as the supervisor publishes it to the proxy: where it answers, how
 * many requests it is serving right now, and when it is retired.
 *
 * <p>The in-flight count lets the supervisor stop an old instance only once it has answered every
 * request it took. The proxy keeps what it needs to reach an instance (its connection pool) and
 * closes that when the instance is closed ({@link #onClose}).
 */
public final class Upstream {
    /** The count once retired: far below zero, so late releases cannot bring it back to zero. */
    private static final int RETIRED = Integer.MIN_VALUE / 2;

    private final String container;
    private final String instanceId;
    private final InetSocketAddress address;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Invoker invoker;
    private final List<Runnable> closeListeners = new ArrayList<>();
    private boolean closed;

    private Upstream(String container, String instanceId, InetSocketAddress address, Invoker invoker) {
        this.container = container;
        this.instanceId = instanceId;
        this.address = address;
        this.invoker = invoker;
    }

    /**
     * A handler container's current version: requests become invocations of {@code invoker} instead
     * of HTTP requests. The count of requests in flight works as for any instance, so a reload drains it.
     */
    public static Upstream invoking(String container, String instanceId, InetSocketAddress address, Invoker invoker) {
        return new Upstream(container, instanceId, address, invoker);
    }

    /** Present for a handler container: how its requests are run. */
    public Optional<Invoker> invoker() {
        return Optional.ofNullable(invoker);
    }

    /** An instance that answers HTTP at {@code address}. */
    public static Upstream http(String container, String instanceId, InetSocketAddress address) {
        return new Upstream(container, instanceId, address, null);
    }

    public String container() {
        return container;
    }

    public String instanceId() {
        return instanceId;
    }

    public InetSocketAddress address() {
        return address;
    }

    /** Counts a request in; false once the instance is retired (ask for the current target again). */
    public boolean tryAcquire() {
        while (true) {
            int n = inFlight.get();
            if (n < 0) {
                return false;
            }
            if (inFlight.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Counts a request out: it was answered, failed, or its client went away. */
    public void release() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return Math.max(0, inFlight.get());
    }

    public boolean retired() {
        return inFlight.get() < 0;
    }

    /**
     * Waits until no request is in flight, then refuses new ones. Call after traffic was switched to
     * another instance. Returns false when requests were still running after {@code max}; it is
     * retired anyway.
     */
    public boolean drain(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (inFlight.get() < 0 || inFlight.compareAndSet(0, RETIRED)) {
                return true; // drained now, or closed before (its instance crashed)
            }
            Thread.sleep(10);
        }
        inFlight.set(RETIRED);
        return false;
    }

    /** Retires the instance and tells whoever holds connections to it ({@link #onClose}). */
    public void close() {
        inFlight.set(RETIRED);
        List<Runnable> listeners;
        synchronized (closeListeners) {
            closed = true;
            listeners = List.copyOf(closeListeners);
            closeListeners.clear();
        }
        listeners.forEach(Runnable::run);
    }

    /** Runs {@code listener} when the instance is closed; at once when it already is. */
    public void onClose(Runnable listener) {
        synchronized (closeListeners) {
            if (!closed) {
                closeListeners.add(listener);
                return;
            }
        }
        listener.run();
    }

    @Override
    public String toString() {
        return container + " " + instanceId + " at " + address.getHostString() + ":" + address.getPort();
    }
}
