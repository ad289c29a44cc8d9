package dev.serverlesscontainers.devmode.lambda;

import dev.serverlesscontainers.devmode.threads.DaemonThreads;
import dev.serverlesscontainers.devmode.runtime.Instance;
import dev.serverlesscontainers.devmode.runtime.StartFailure;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The warm execution environments of one version of a handler container, as Lambda keeps them:
 * each runs one invocation at a time; an invocation that finds none free waits for one, and
 * starts another (a cold start, logged with its init time) while fewer than {@code maxInstances}
 * exist. An invocation that runs past the timeout fails and its environment is stopped, as Lambda
 * stops it; an environment that exits is replaced when the next invocation needs one.
 *
 * <p>To the supervisor the pool is one {@link Instance}: it is started with one environment,
 * switched to as a whole, drained and stopped as a whole at a reload.
 */
public final class FunctionPool implements Instance, Invoker {
    /** Per Lambda: an environment that does not finish initialising within 10 s is restarted; here the invocation fails. */
    static final Duration INIT_TIMEOUT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final HandlerLauncher launcher;
    private final Duration timeout;
    private final int maxInstances;
    private final Events events;
    private final HandlerInstance first;
    private final ExecutorService starts = Executors.newCachedThreadPool(DaemonThreads.named("scf-dev-lambda-start"));
    private final CompletableFuture<Integer> stoppedFuture = new CompletableFuture<>();

    private final Object lock = new Object();
    private final List<HandlerInstance> warm = new ArrayList<>();
    private final Deque<Invocation> queue = new ArrayDeque<>();
    private final Map<HandlerInstance, Long> timers = new HashMap<>();
    private int starting;
    private boolean stopped;

    /** What the pool tells the terminal. */
    public interface Events {
        void event(String text);

        /** The last lines an instance printed, to show why it exited. */
        List<String> lastOutput(String instanceId);
    }

    /** A pool around the first environment, which has already asked for its first event. */
    public FunctionPool(Vertx vertx, HandlerInstance first, HandlerLauncher launcher, Duration timeout, int maxInstances, Events events) {
        this.vertx = vertx;
        this.first = first;
        this.launcher = launcher;
        this.timeout = timeout;
        this.maxInstances = Math.max(1, maxInstances);
        this.events = events;
        adopt(first);
    }

    @Override
    public void invoke(Invocation invocation) {
        synchronized (lock) {
            if (stopped) {
                fail(invocation, new FunctionError(FunctionError.Kind.RUNTIME_EXIT, "Runtime.ExitError", "the function is being replaced"));
                return;
            }
            queue.add(invocation);
        }
        dispatch();
    }

    /** How many environments exist (warm or initialising). */
    public int size() {
        synchronized (lock) {
            return warm.size() + starting;
        }
    }

    private void adopt(HandlerInstance h) {
        listen(h);
        synchronized (lock) {
            warm.add(h);
        }
    }

    private void listen(HandlerInstance h) {
        h.api().onIdle(api -> dispatch());
        h.api().onDone(this::done);
        h.instance().exited().whenComplete((code, e) -> exited(h, code == null ? -1 : code));
    }

    /** Gives waiting invocations to free environments; starts more when some wait and there is room. */
    private void dispatch() {
        int toStart = 0;
        synchronized (lock) {
            while (!queue.isEmpty()) {
                Invocation next = queue.peek();
                if (next.isSettled()) {
                    queue.poll(); // its client went away while it waited
                    continue;
                }
                if (queue.size() <= starting) {
                    // as on Lambda, an invocation that caused a cold start waits for that environment, not for a busy one to free up
                    break;
                }
                HandlerInstance taker = null;
                long deadline = System.currentTimeMillis() + timeout.toMillis();
                for (int i = warm.size() - 1; i >= 0 && taker == null; i--) {
                    // newest first: the environment that was just started for a waiting invocation takes it
                    if (warm.get(i).api().offer(next, deadline)) {
                        taker = warm.get(i);
                    }
                }
                if (taker == null) {
                    break;
                }
                queue.poll();
                HandlerInstance running = taker;
                timers.put(taker, vertx.setTimer(timeout.toMillis(), id -> timedOut(running, next)));
            }
            if (!stopped) {
                int room = maxInstances - warm.size() - starting;
                toStart = Math.max(0, Math.min(room, queue.size() - starting));
                starting += toStart;
            }
        }
        for (int i = 0; i < toStart; i++) {
            starts.execute(this::coldStart);
        }
    }

    private void coldStart() {
        HandlerInstance h;
        try {
            h = launcher.launch();
        } catch (StartFailure e) {
            synchronized (lock) {
                starting--;
            }
            events.event("could not start another instance: " + e.getMessage());
            failOldest(new FunctionError(FunctionError.Kind.RUNTIME_EXIT, "Runtime.ExitError", e.getMessage()));
            return;
        }
        CompletableFuture<Object> ready = CompletableFuture.anyOf(h.api().firstPoll(), h.instance().exited().toCompletableFuture());
        try {
            ready.get(INIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // not initialised in time: handled below
        }
        boolean initialised = h.api().firstPoll().isDone();
        boolean keep;
        listen(h);
        synchronized (lock) {
            // in one step: no dispatch in between may count it neither as starting nor as warm
            starting--;
            keep = initialised && !stopped;
            if (keep) {
                warm.add(h);
            }
        }
        if (!keep) {
            h.stop(Duration.ZERO);
            if (!initialised) {
                String why = h.instance().id() + " did not initialise: " + h.api().initError().orElse(
                        h.instance().exited().toCompletableFuture().isDone() ? "it exited before asking for an event"
                                : "it did not ask for an event within " + INIT_TIMEOUT.toSeconds() + " s");
                events.event(why + lines(events.lastOutput(h.instance().id())));
                failOldest(new FunctionError(FunctionError.Kind.RUNTIME_EXIT, "Runtime.ExitError", why));
            }
            dispatch();
            return;
        }
        events.event("cold start: " + h.instance().id() + " initialised in "
                + Duration.ofNanos(System.nanoTime() - h.startedNanos()).toMillis() + " ms (" + size() + " instances)");
        dispatch();
    }

    private void done(Invocation invocation) {
        synchronized (lock) {
            timers.entrySet().removeIf(e -> {
                if (e.getKey().api().running() == null) {
                    vertx.cancelTimer(e.getValue());
                    return true;
                }
                return false;
            });
        }
    }

    private void timedOut(HandlerInstance h, Invocation invocation) {
        synchronized (lock) {
            if (h.api().running() != invocation) {
                return;
            }
            h.api().abort();
            timers.remove(h);
            warm.remove(h);
        }
        events.event("the invocation " + invocation.requestId() + " timed out after " + timeout.toSeconds()
                + " s; stopping " + h.instance().id() + ", as Lambda does");
        fail(invocation, new FunctionError(FunctionError.Kind.TIMEOUT, "Sandbox.Timedout",
                "Task timed out after " + timeout.toSeconds() + " seconds"));
        starts.execute(() -> h.stop(Duration.ZERO));
        dispatch();
    }

    private void exited(HandlerInstance h, int code) {
        Invocation lost;
        synchronized (lock) {
            if (stopped || !warm.remove(h)) {
                return; // stopped on purpose
            }
            lost = h.api().abort();
            Long timer = timers.remove(h);
            if (timer != null) {
                vertx.cancelTimer(timer);
            }
        }
        h.api().close();
        events.event(h.instance().id() + " exited with code " + code + (lost == null ? "" : " during invocation " + lost.requestId())
                + "; the next invocation that needs it starts another" + lines(events.lastOutput(h.instance().id())));
        if (lost != null) {
            fail(lost, new FunctionError(FunctionError.Kind.RUNTIME_EXIT, "Runtime.ExitError",
                    "the runtime exited with code " + code + " during the invocation"));
        }
        dispatch();
    }

    private void failOldest(FunctionError error) {
        Invocation oldest;
        synchronized (lock) {
            oldest = queue.poll();
        }
        if (oldest != null) {
            fail(oldest, error);
        }
    }

    private static void fail(Invocation invocation, FunctionError error) {
        if (invocation.settle()) {
            invocation.listener().failed(error);
        }
    }

    private static String lines(List<String> lines) {
        return lines.isEmpty() ? "" : "\n" + String.join("\n", lines);
    }

    @Override
    public String id() {
        return first.instance().id();
    }

    @Override
    public InetSocketAddress address() {
        return first.instance().address();
    }

    /** Completes once the pool was stopped; an environment's exit is the pool's own business. */
    @Override
    public CompletionStage<Integer> exited() {
        return stoppedFuture;
    }

    /**
     * scf-dev is stopping and its runtime stops every instance at once: take no more invocations and
     * take the exits that follow for what they are, not for crashes.
     */
    public void shutDown() {
        synchronized (lock) {
            stopped = true;
        }
    }

    @Override
    public void stop(Duration grace) {
        List<HandlerInstance> all;
        List<Invocation> waiting;
        synchronized (lock) {
            if (stoppedFuture.isDone()) {
                return;
            }
            stopped = true;
            all = new ArrayList<>(warm);
            warm.clear();
            waiting = new ArrayList<>(queue);
            queue.clear();
            timers.values().forEach(vertx::cancelTimer);
            timers.clear();
        }
        waiting.forEach(i -> fail(i, new FunctionError(FunctionError.Kind.RUNTIME_EXIT, "Runtime.ExitError", "the function was stopped")));
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (HandlerInstance h : all) {
            stopping.add(CompletableFuture.runAsync(() -> h.stop(grace), starts));
        }
        stopping.forEach(f -> {
            try {
                f.join();
            } catch (RuntimeException e) {
                // stopping is best effort
            }
        });
        starts.shutdown();
        stoppedFuture.complete(0);
    }
}
