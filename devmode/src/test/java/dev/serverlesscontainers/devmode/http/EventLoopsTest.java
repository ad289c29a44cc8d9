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
                    .isEqualTo(nativeExpected());
        } finally {
            vertx.close();
        }
    }

    /** Whether this platform gets the epoll transport: the native library ships for Linux x86-64 only. */
    private static boolean nativeExpected() {
        String arch = System.getProperty("os.arch", "");
        return System.getProperty("os.name", "").startsWith("Linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }
}
