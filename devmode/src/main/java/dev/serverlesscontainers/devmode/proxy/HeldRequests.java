package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.devmode.target.TargetState;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Requests that arrive while their container is {@link TargetState.Held}: each waits, its body paused,
 * until the hold is released, then is routed again on its own context, as if it had just arrived. The
 * supervisor releases every hold it sets, whether the new instance came up or not, so a held request
 * ends either served or answered as any request to a container that is not serving.
 */
final class HeldRequests {
    private HeldRequests() {}

    /** Runs {@code routeAgain} on the caller's context once {@code held} is released. */
    static void retryWhenReleased(Vertx vertx, TargetState.Held held, Runnable routeAgain) {
        Context context = vertx.getOrCreateContext();
        held.released().whenComplete((ignored, error) -> context.runOnContext(v -> routeAgain.run()));
    }
}
