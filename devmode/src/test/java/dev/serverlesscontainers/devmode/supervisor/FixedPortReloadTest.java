package dev.serverlesscontainers.devmode.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.LoadClients;
import dev.serverlesscontainers.devmode.testing.Ports;
import dev.serverlesscontainers.devmode.testing.TestProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app that ignores PORT and listens on a port of its own, as apps written for SCF's runtime do:
 * it is found there, and reloads under load hold requests in the proxy while the old instance frees
 * the port, so that still no request fails.
 */
@Timeout(120)
class FixedPortReloadTest {
    private static final int RELOADS = 3;

    @TempDir
    Path dir;

    @Test
    void anAppOnAFixedPortIsServedAndReloadsUnderLoadWithoutAFailedRequest() throws Exception {
        int fixed = Ports.closed();
        String config = Stack.config("awsFargateEcs", "exec node server.js", """
                    environment:
                      FIXED_PORT: "%d"
                """.formatted(fixed));
        try (Stack s = new Stack(TestProject.in(dir).app("app", "node-app").config(config).load(), o -> o)) {
            assertThat(s.fleet.startAll()).containsEntry("app", ContainerSupervisor.Outcome.HEALTHY);
            assertThat(s.supervisor("app").status().address()).contains("127.0.0.1:" + fixed);
            try (LoadClients load = new LoadClients(s.proxy.port(), "localhost", "/version", 4, body -> body)) {
                load.awaitAnswered(20, Duration.ofSeconds(10));
                for (int v = 2; v <= RELOADS + 1; v++) {
                    Files.writeString(dir.resolve("app/version.txt"), "v" + v);
                    s.supervisor("app").reload("version.txt changed");
                    s.awaitBody("/version", "v" + v);
                    load.awaitAnswered(10, Duration.ofSeconds(10));
                }
                load.close();
                assertThat(load.failures()).as("failed requests").isEmpty();
                assertThat(load.sequences()).allSatisfy(seq -> assertThat(seq).isSorted());
            }
            assertThat(s.supervisor("app").status().reloads()).isEqualTo(RELOADS);
            assertThat(s.events.stream().filter(e -> e.text().contains("ignores PORT")))
                    .as("said once").singleElement().satisfies(e -> assertThat(e.text())
                            .contains("listens on " + fixed, "holds requests in the proxy", "Listen on PORT"));
        }
    }
}
