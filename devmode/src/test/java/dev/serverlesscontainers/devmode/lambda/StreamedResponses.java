package dev.serverlesscontainers.devmode.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.assertj.core.api.Assertions;

/**
 * What clients see of a streaming function ({@code index.stream} of the Node.js handler app, with
 * {@code streaming: true}): the first bytes long before the handler ends; when it fails once its
 * status went out, a response cut off (no last chunk), which clients report as an error, while the
 * terminal says why; when it fails before its first byte, a 502 as from any failed invocation.
 * Shared by the process and Docker runtimes' tests.
 */
final class StreamedResponses {
    private StreamedResponses() {}

    static void assertFirstBytesArriveBeforeTheHandlerEnds(HandlerStack s) throws Exception {
        long began = System.nanoTime();
        HttpResponse<InputStream> r = s.http.send(s.request("/").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("x-streamed")).hasValue("yes");
        try (InputStream body = r.body()) {
            byte[] first = body.readNBytes("first;".length());
            Duration firstBytes = Duration.ofNanos(System.nanoTime() - began);
            String rest = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            Duration all = Duration.ofNanos(System.nanoTime() - began);
            assertThat(new String(first, StandardCharsets.UTF_8) + rest).isEqualTo("first;second");
            assertThat(all.minus(firstBytes)).as("the first bytes came at %s, the end at %s", firstBytes, all)
                    .isGreaterThan(Duration.ofMillis(1500));
        }
    }

    static void assertCutOffAndFailedEarly(HandlerStack s) throws Exception {
        WireResponse cut = WireResponse.get(s.proxy.port(), "/broken");
        assertThat(cut.head()).startsWith("HTTP/1.1 201").containsIgnoringCase("x-streamed: yes");
        assertThat(cut.body()).contains("first;").doesNotContain("second");
        assertThat(cut.ended()).as("the response ended with its last chunk: %s", cut.body()).isFalse();
        assertThat(s.accessNote("/broken")).contains("cut off", "RangeError", "the stream failed on purpose");

        HttpResponse<InputStream> r = s.http.send(s.request("/broken").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(201);
        try (InputStream body = r.body()) {
            Assertions.assertThatThrownBy(body::readAllBytes).as("a client reads the cut-off response as broken").isInstanceOf(IOException.class);
        }

        HttpResponse<String> early = s.get("/throw-first");
        assertThat(early.statusCode()).isEqualTo(502);
        assertThat(early.body()).isEqualTo("Internal Server Error");
        assertThat(early.headers().firstValue("x-scf-dev-reason").orElse("")).contains("RangeError", "before its first byte");

        // the instance goes on serving
        WireResponse whole = WireResponse.get(s.proxy.port(), "/");
        assertThat(whole.ended()).as(whole.body()).isTrue();
        assertThat(whole.body()).contains("first;", "second");
    }
}
