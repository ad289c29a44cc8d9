package dev.serverlesscontainers.devmode.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.assertj.core.api.Assertions;

/**
 * What clients see of a streaming function ({@code index.stream} of the Node.js handler app) that
 * fails: once its status went out, the response is cut off (no last chunk), which clients report as
 * an error, and the terminal says why; before its first byte, a 502 as from any failed invocation.
 * Shared by the process and Docker runtimes' tests.
 */
final class StreamedErrors {
    private StreamedErrors() {}

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
