package dev.serverlesscontainers.devmode.proxy;

import io.vertx.core.MultiMap;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One thing the ALB does to a request's head on its way to a target, as a step of its own (like
 * vertx-http-proxy's interceptors). {@link #ALB} lists them in the order they run; each is tested on
 * its own ({@code RequestStepTest}), and a new behaviour is one more step, not another branch of
 * {@link ProxyHandler}.
 */
@FunctionalInterface
interface RequestStep {

    /**
     * What a step sees: the client's headers as received, where the client came from, and the headers
     * that go to the target, which the steps write.
     */
    record Outgoing(MultiMap received, String clientAddress, String scheme, int listenerPort, MultiMap headers) {}

    void apply(Outgoing request);

    /** The client's end-to-end headers, without hop-by-hop ones ({@link HopByHopHeaders}). */
    RequestStep END_TO_END_HEADERS = r -> HopByHopHeaders.copyRequest(r.received(), r.headers());
    /** {@code X-Forwarded-For/-Proto/-Port} ({@link ForwardedHeaders}). */
    RequestStep FORWARDED = r -> ForwardedHeaders.apply(r.headers(), r.clientAddress(), r.scheme(), r.listenerPort());
    /** {@code X-Amzn-Trace-Id}, a new {@code Root} or {@code Self} ({@link TraceId}). */
    RequestStep TRACE_ID = r -> r.headers().set(TraceId.HEADER,
            TraceId.next(r.received().get(TraceId.HEADER), System.currentTimeMillis() / 1000, ThreadLocalRandom.current()));

    /** Every request to any target, in this order. */
    List<RequestStep> ALB = List.of(END_TO_END_HEADERS, FORWARDED, TRACE_ID);

    static MultiMap run(List<RequestStep> steps, Outgoing request) {
        steps.forEach(step -> step.apply(request));
        return request.headers();
    }
}
