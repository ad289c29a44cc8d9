package dev.serverlesscontainers.devmode.lambda;

import io.vertx.core.buffer.Buffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One event on its way to a handler instance, and who wants its outcome. The deadline is set when
 * an instance takes it: time spent waiting for a free instance, or for a cold start, is not the
 * handler's, as on Lambda, where the timeout counts from the start of the invocation.
 *
 * @param traceId the {@code X-Amzn-Trace-Id} of the request, passed on as {@code Lambda-Runtime-Trace-Id}
 */
public record Invocation(String requestId, Buffer event, String traceId, InvocationListener listener, AtomicBoolean settled) {

    public static Invocation of(String requestId, Buffer event, String traceId, InvocationListener listener) {
        return new Invocation(requestId, event, traceId, listener, new AtomicBoolean());
    }

    /** Marks the outcome as delivered; true only the first time, so that exactly one outcome reaches the listener. */
    boolean settle() {
        return settled.compareAndSet(false, true);
    }

    /** Whether the client went away or an outcome was delivered: then nobody waits for it any more. */
    public boolean isSettled() {
        return settled.get();
    }

    /** The client went away: whatever the instance does with it reaches nobody. */
    public void abandon() {
        settled.set(true);
    }
}
