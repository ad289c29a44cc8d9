package dev.serverlesscontainers.devmode.lambda;

import dev.serverlesscontainers.devmode.runtime.StartFailure;

/** Starts one more execution environment of a container: its Runtime API, then the instance that polls it. Blocks. */
@FunctionalInterface
public interface HandlerLauncher {
    HandlerInstance launch() throws StartFailure;
}
