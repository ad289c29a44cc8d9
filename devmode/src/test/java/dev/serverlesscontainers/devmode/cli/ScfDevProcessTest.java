package dev.serverlesscontainers.devmode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.RawHttp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * scf-dev as a user runs it: its own JVM serving the bundled example, stopped by a signal. It must
 * exit within 5 seconds and leave no process behind.
 */
class ScfDevProcessTest {
    private static final Pattern API = Pattern.compile("api \\(awsLambda\\) -> http://localhost:(\\d+)/api/\\*");

    /** A running scf-dev child process and what it printed. */
    private static final class Run implements AutoCloseable {
        final Process process;
        final StringBuilder output = new StringBuilder();
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Thread reader;

        Run() throws IOException {
            // SIGINT is ignored by processes started in the background of a non-interactive shell, and
            // that is inherited; start scf-dev with SIGINT back at its default, as in a terminal.
            List<String> command = new ArrayList<>(List.of("python3", "-c",
                    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                    ScfDev.class.getName(), "--config", "../examples/hello/serverless.containers.yml", "--port-proxy", "0",
                    "--port-control", "0"));
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l = r.readLine(); l != null; l = r.readLine()) {
                        synchronized (output) {
                            output.append(l).append('\n');
                        }
                        lines.add(l);
                    }
                } catch (IOException e) {
                    // ended
                }
            });
            reader.start();
        }

        /** The proxy port, once the route listing is printed. */
        int awaitListing() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                Matcher m = line == null ? null : API.matcher(line);
                if (m != null && m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            throw new AssertionError("no route listing in:\n" + text());
        }

        String text() {
            synchronized (output) {
                return output.toString();
            }
        }

        void signal(String name) throws Exception {
            new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor();
        }

        @Override
        public void close() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            reader.join(2000);
        }
    }

    @ParameterizedTest(name = "stopped by SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void servesTheExampleAndStopsEverythingOnASignal(String signal) throws Exception {
        try (Run scfDev = new Run()) {
            int port = scfDev.awaitListing();
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
        try (Run killed = new Run()) {
            killed.awaitListing();
            left = killed.process.descendants().toList();
            killed.signal("KILL");
            killed.process.waitFor(5, TimeUnit.SECONDS);
            assertThat(left.stream().filter(ProcessHandle::isAlive)).as("apps outlive a killed scf-dev").isNotEmpty();
        }
        try (Run next = new Run()) {
            next.awaitListing();
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
