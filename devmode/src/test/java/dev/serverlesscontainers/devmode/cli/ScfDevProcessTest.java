package dev.serverlesscontainers.devmode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.devmode.testing.ScfDevProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * scf-dev as a user runs it: its own JVM serving the bundled example, stopped by a signal. It must
 * exit within 5 seconds and leave no process behind.
 */
class ScfDevProcessTest {
    private static ScfDevProcess start() throws IOException {
        return ScfDevProcess.start(List.of("--config", "../examples/hello/serverless.containers.yml", "--runtime", "process",
                "--port-proxy", "0", "--port-control", "0"), null);
    }

    @ParameterizedTest(name = "stopped by SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void servesTheExampleAndStopsEverythingOnASignal(String signal) throws Exception {
        try (ScfDevProcess scfDev = start()) {
            int port = scfDev.awaitListing(Duration.ofSeconds(60));
            RawHttp.Response api = RawHttp.get(port, "localhost:" + port, "/api/hello");
            assertThat(api.status()).isEqualTo(200);
            assertThat(api.text()).contains("\"message\":\"Hello from api\"");
            assertThat(RawHttp.get(port, "admin.hello.example.com.localhost:" + port, "/").text()).contains("<h1>Admin</h1>");
            assertThat(RawHttp.get(port, "localhost:" + port, "/").text()).contains("<h1>Hello from dev</h1>");

            List<ProcessHandle> children = scfDev.process.descendants().toList();
            // npm start runs node too: at least the two Node.js apps
            assertThat(children.stream().filter(p -> p.info().command().orElse("").endsWith("node")).count()).isGreaterThanOrEqualTo(2);
            assertThat(children.stream().filter(p -> p.info().command().orElse("").contains("python3"))).hasSize(1);

            long start = System.nanoTime();
            scfDev.signal(signal);
            assertThat(scfDev.process.waitFor(5, TimeUnit.SECONDS)).as("scf-dev exits within 5 s of SIG%s", signal).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            Thread.sleep(200);
            assertThat(scfDev.text()).contains("scf-dev: stopping every container", "scf-dev: stopped");
            assertNoneRunning(children);
        }
    }

    @Test
    void whatAKilledScfDevLeftIsStoppedByTheNextRun() throws Exception {
        List<ProcessHandle> left;
        try (ScfDevProcess killed = start()) {
            killed.awaitListing(Duration.ofSeconds(60));
            left = killed.process.descendants().toList();
            killed.signal("KILL");
            killed.process.waitFor(5, TimeUnit.SECONDS);
            assertThat(left.stream().filter(ProcessHandle::isAlive)).as("apps outlive a killed scf-dev").isNotEmpty();
        }
        try (ScfDevProcess next = start()) {
            next.awaitListing(Duration.ofSeconds(60));
            assertThat(next.text()).containsPattern("scf-dev: stopped \\d+ process(es)? an earlier scf-dev left running");
            assertNoneRunning(left);
            next.signal("TERM");
            assertThat(next.process.waitFor(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static void assertNoneRunning(List<ProcessHandle> processes) {
        for (ProcessHandle p : processes) {
            assertThat(p.isAlive() && !zombie(p)).as("%s (%s) is still running", p.pid(), p.info().command()).isFalse();
        }
    }

    private static boolean zombie(ProcessHandle p) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException e) {
            return true; // gone
        }
    }
}
