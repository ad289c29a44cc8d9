package dev.serverlesscontainers.devmode.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.devmode.testing.RecordingBackend;
import dev.serverlesscontainers.model.config.ComputeType;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An app that answers a WebSocket upgrade with anything but 101: the client gets that answer, and the connection to the app is let go. */
class DeclinedUpgradeTest {

    @Test
    @Timeout(60)
    void aDeclinedUpgradeIsRelayedAndLeavesNoConnectionToTheAppOpen() throws Exception {
        try (RecordingBackend backend = new RecordingBackend();
             ProxyHarness h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, UnaryOperator.identity())) {
            h.serve("web", backend.port());
            for (int i = 0; i < 3; i++) {
                RawHttp.Response r = RawHttp.get(h.port(), "x", "/ws", "Connection: Upgrade", "Upgrade: websocket",
                        "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==");
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.text()).isEqualTo("ok");
            }
            // before the fix each stayed open for good: Vert.x had taken it out of the pool for the tunnel
            Await.until("the connections to the app to close", Duration.ofSeconds(10), () -> backend.waiting().isEmpty());
        }
    }
}
