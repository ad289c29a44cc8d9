package dev.serverlesscontainers.devmode.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class HopByHopHeadersTest {

    @Test
    void connectionHeadersAndTheHeadersTheyNameStayBehindWhateverTheirCase() {
        MultiMap from = HttpHeaders.headers()
                .add("Host", "example.com")
                .add("Connection", "keep-alive, X-Session-Token")
                .add("Keep-Alive", "timeout=5")
                .add("x-session-token", "secret")
                .add("TE", "trailers")
                .add("Transfer-Encoding", "chunked")
                .add("Upgrade", "h2c")
                .add("Proxy-Authorization", "Basic abc")
                .add("Accept", "text/html")
                .add("Accept", "application/json");
        MultiMap to = HttpHeaders.headers();
        HopByHopHeaders.copyRequest(from, to);
        assertThat(to.names()).containsExactlyInAnyOrder("Host", "Accept");
        assertThat(to.getAll("accept")).containsExactly("text/html", "application/json");
    }

    @Test
    void expectStaysBehindOnRequestsOnly() {
        MultiMap from = HttpHeaders.headers().add("Expect", "100-continue").add("Content-Type", "text/plain");
        MultiMap request = HttpHeaders.headers();
        HopByHopHeaders.copyRequest(from, request);
        MultiMap response = HttpHeaders.headers();
        HopByHopHeaders.copyResponse(from, response);
        assertThat(request.names()).containsExactly("Content-Type");
        assertThat(response.names()).containsExactlyInAnyOrder("Expect", "Content-Type");
    }

    @Test
    void closeIsAnOptionNotAHeaderName() {
        MultiMap from = HttpHeaders.headers().add("Connection", "close").add("Cache-Control", "no-store");
        MultiMap to = HttpHeaders.headers();
        HopByHopHeaders.copyResponse(from, to);
        assertThat(to.names()).containsExactly("Cache-Control");
    }
}
