package dev.serverlesscontainers.devmode.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

/** The runner's sockets: Netty's epoll transport where its library ships, Java's selector elsewhere. */
class EventLoopsTest {

    @Test
    void theRunnerUsesEpollOnLinuxX86AndJavasSelectorElsewhere() {
        Vertx vertx = EventLoops.create();
        try {
            assertThat(vertx.isNativeTransportEnabled())
                    .as("native transport on %s %s (why not: %s)", System.getProperty("os.name"), System.getProperty("os.arch"),
                            vertx.unavailableNativeTransportCause())
                    .isEqualTo(EventLoops.nativeExpected());
        } finally {
            vertx.close();
        }
    }
}
