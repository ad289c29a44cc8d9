package dev.serverlesscontainers.devmode.target;

/** Whether a container has an instance to send requests to, and if not, why. */
public sealed interface TargetState permits TargetState.Serving, TargetState.NotServing, TargetState.Held {

    /** Requests go to {@code upstream}. */
    record Serving(Upstream upstream) implements TargetState {}

    /**
     * Requests wait in the proxy until {@code released} completes, then are
     * routed again: an app bound to a fixed port is being replaced, and the old instance has to stop
     * before the new one can start. {@code detail} says so.
     */
    record Held(String detail, java.util.concurrent.CompletableFuture<Void> released) implements TargetState {}

    /** No instance takes requests; {@code detail} says why, for the terminal and a response header. */
    record NotServing(Why why, String detail) implements TargetState {}

    enum Why {
        /** The first instance is starting and has not passed its health check yet. */
        STARTING,
        /** The serving instance exited on its own; a new one is on its way. */
        CRASHED,
        /** No instance could be started or made healthy; a file change or a restart tries again. */
        FAILED,
        /** scf-dev is shutting down. */
        STOPPED
    }
}
