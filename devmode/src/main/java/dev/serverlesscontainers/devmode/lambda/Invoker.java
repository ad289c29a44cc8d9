package dev.serverlesscontainers.devmode.lambda;

/** Runs invocations on a container's handler instances. Thread-safe; returns at once. */
@FunctionalInterface
public interface Invoker {
    void invoke(Invocation invocation);
}
