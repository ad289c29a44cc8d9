package dev.serverlesscontainers.devmode.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * One thing done to a target's response head on its way to the client, as a step of its own; every
 * exchange that relays an HTTP response runs {@link #RELAY}, so the copying is written once.
 */
@FunctionalInterface
interface ResponseStep {
    /** A response head as the app sent it, whichever client read it. */
    record Head(int status, String reason, MultiMap headers) {
        static Head of(HttpClientResponse in) {
            return new Head(in.statusCode(), in.statusMessage(), in.headers());
        }
    }

    void apply(Head in, HttpServerResponse out);

    /** The app's status line; a reason phrase only when it is not the standard one, which costs nothing. */
    ResponseStep STATUS = (in, out) -> {
        out.setStatusCode(in.status());
        String reason = in.reason();
        if (reason != null && !reason.equals(out.getStatusMessage())) {
            out.setStatusMessage(reason);
        }
    };
    /** The app's end-to-end headers, without hop-by-hop ones ({@link HopByHopHeaders}). */
    ResponseStep END_TO_END_HEADERS = (in, out) -> HopByHopHeaders.copyResponse(in.headers(), out.headers());

    /** An HTTP response relayed from a target, in this order. */
    List<ResponseStep> RELAY = List.of(STATUS, END_TO_END_HEADERS);

    static void run(List<ResponseStep> steps, Head in, HttpServerResponse out) {
        steps.forEach(step -> step.apply(in, out));
    }
}
