package dev.serverlesscontainers.devmode.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each request-side ALB step alone, and the list every request goes through. */
@Timeout(10)
class RequestStepTest {

    private static RequestStep.Outgoing outgoing(MultiMap received) {
        return new RequestStep.Outgoing(received, "203.0.113.7", "http", 3000, HttpHeaders.headers());
    }

    @Test
    void endToEndHeadersAreCopiedAndHopByHopOnesDropped() {
        MultiMap received = HttpHeaders.headers().add("Connection", "keep-alive, X-Private").add("X-Private", "1")
                .add("Keep-Alive", "timeout=5").add("Accept", "text/html");
        RequestStep.Outgoing r = outgoing(received);
        RequestStep.END_TO_END_HEADERS.apply(r);
        assertThat(r.headers().names()).containsExactly("Accept");
    }

    @Test
    void forwardedHeadersAppendTheClientAndSayHowItCame() {
        RequestStep.Outgoing r = outgoing(HttpHeaders.headers());
        r.headers().add("X-Forwarded-For", "198.51.100.1").add("X-Forwarded-Proto", "https");
        RequestStep.FORWARDED.apply(r);
        assertThat(r.headers().get("x-forwarded-for")).isEqualTo("198.51.100.1, 203.0.113.7");
        assertThat(r.headers().get("x-forwarded-proto")).isEqualTo("http");
        assertThat(r.headers().get("x-forwarded-port")).isEqualTo("3000");
    }

    @Test
    void aTraceIdIsStartedOrContinuedFromTheOneReceived() {
        RequestStep.Outgoing fresh = outgoing(HttpHeaders.headers());
        RequestStep.TRACE_ID.apply(fresh);
        assertThat(fresh.headers().get("x-amzn-trace-id")).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");

        String root = "Root=1-5759e988-bd862e3fe1be46a994272793";
        RequestStep.Outgoing continued = outgoing(HttpHeaders.headers().add("X-Amzn-Trace-Id", root));
        RequestStep.TRACE_ID.apply(continued);
        assertThat(continued.headers().get("x-amzn-trace-id")).matches("Self=1-[0-9a-f]{8}-[0-9a-f]{24};" + root);
    }

    @Test
    void everyRequestGoesThroughTheStepsInOrderSoLaterStepsSeeWhatEarlierOnesWrote() {
        assertThat(RequestStep.ALB).containsExactly(RequestStep.END_TO_END_HEADERS, RequestStep.FORWARDED, RequestStep.TRACE_ID);
        MultiMap received = HttpHeaders.headers().add("X-Forwarded-For", "198.51.100.1").add("Connection", "close");
        MultiMap sent = RequestStep.run(RequestStep.ALB, outgoing(received));
        // the client's X-Forwarded-For was copied first, then appended to
        assertThat(sent.get("x-forwarded-for")).isEqualTo("198.51.100.1, 203.0.113.7");
        assertThat(sent.contains("connection")).isFalse();
        assertThat(sent.contains("x-amzn-trace-id")).isTrue();
        assertThat(List.copyOf(received.names())).as("the received headers are left as they were").hasSize(2);
    }
}
