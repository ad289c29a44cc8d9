package dev.serverlesscontainers.devmode.supervisor;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The replacements of a container's instance, run one at a time on the container's own thread. At most one
 * waits: every change that arrives while a replacement runs joins the one waiting, so a burst of saves or
 * edits costs one more replacement, not one each. The waiting replacement says (and does: a reload runs the
 * reload hook) what the weightiest of its changes asks for, the first of them when they weigh the same, and
 * starts from the newest configuration given.
 *
 * @param <C> the configuration a replacement starts from
 */
final class ReplacementQueue<C> {
    /** Why an instance is replaced; a reload and a restart outweigh a refresh, which outweighs a recovery. */
    enum Kind {
        START, RELOAD, RESTART, RECOVER, REFRESH;

        int weight() {
            return this == RECOVER ? 0 : this == REFRESH ? 1 : 2;
        }
    }

    record Reason(Kind kind, String why) {}

    private final Executor thread;
    private final Consumer<Reason> replace;
    private Reason waiting;
    private C configuration;

    /**
     * @param thread the container's own thread
     * @param replace runs one replacement there
     */
    ReplacementQueue(Executor thread, Consumer<Reason> replace) {
        this.thread = thread;
        this.replace = replace;
    }

    /**
     * Asks for a replacement.
     *
     * @return true when it is a new waiting replacement, false when it joined the one already waiting
     */
    synchronized boolean add(Reason reason) {
        if (waiting != null) {
            if (reason.kind().weight() > waiting.kind().weight()) {
                waiting = reason;
            }
            return false;
        }
        waiting = reason;
        thread.execute(this::runWaiting);
        return true;
    }

    /** Asks for a replacement that starts from {@code changed}, which replaces any configuration given before. */
    boolean add(Reason reason, C changed) {
        synchronized (this) {
            configuration = changed;
        }
        return add(reason);
    }

    /** The newest configuration given since the last call, for the replacement that starts now. */
    synchronized Optional<C> takeConfiguration() {
        C taken = configuration;
        configuration = null;
        return Optional.ofNullable(taken);
    }

    private void runWaiting() {
        Reason next;
        synchronized (this) {
            next = waiting;
            waiting = null;
        }
        if (next != null) {
            replace.accept(next);
        }
    }
}
