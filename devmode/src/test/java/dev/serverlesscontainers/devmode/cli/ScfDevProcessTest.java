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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * scf-dev as a user runs it: its own JVM serving the bundled example, stopped by a signal. It must
 * exit within 5 seconds and leave no process behind.
 */
class ScfDevProcessTest {
    private static final Pattern API = Pattern.compile("api \\(awsLambda\\) -> http://localhost:(\\d+)/api/\\*");

    @ParameterizedTest(name = "stopped by SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void servesTheExampleAndStopsEverythingOnASignal(String signal) throws Exception {
        // SIGINT is ignored by processes started in the background of a non-interactive shell, and
        // that is inherited; start scf-dev with SIGINT back at its default, as in a terminal.
        List<String> command = new ArrayList<>(List.of("python3", "-c",
                "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                ScfDev.class.getName(), "--config", "../examples/hello/serverless.containers.yml", "--port-proxy", "0", "--port-control", "0"));
        Process scfDev = new ProcessBuilder(command).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(scfDev.getInputStream(), StandardCharsets.UTF_8))) {
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
        try {
            int port = -1;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (port < 0 && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                Matcher m = line == null ? null : API.matcher(line);
                if (m != null && m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertThat(port).as("the route listing in:\n%s", output).isPositive();
            RawHttp.Response api = RawHttp.get(port, "localhost:" + port, "/api/hello");
            assertThat(api.status()).isEqualTo(200);
            assertThat(api.text()).contains("\"message\":\"Hello from api\"");
            assertThat(RawHttp.get(port, "admin.hello.example.com.localhost:" + port, "/").text()).contains("<h1>Admin</h1>");
            assertThat(RawHttp.get(port, "localhost:" + port, "/").text()).contains("<h1>Hello from dev</h1>");

            List<ProcessHandle> children = scfDev.descendants().toList();
            // npm start runs node too: at least the two Node.js apps
            assertThat(children.stream().filter(p -> p.info().command().orElse("").endsWith("node")).count()).isGreaterThanOrEqualTo(2);
            assertThat(children.stream().filter(p -> p.info().command().orElse("").contains("python3"))).hasSize(1);

            long start = System.nanoTime();
            new ProcessBuilder("kill", "-" + signal, String.valueOf(scfDev.pid())).start().waitFor();
            assertThat(scfDev.waitFor(5, TimeUnit.SECONDS)).as("scf-dev exits within 5 s of SIG%s", signal).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            reader.join(2000);
            assertThat(output.toString()).contains("scf-dev: stopping every container", "scf-dev: stopped");
            for (ProcessHandle child : children) {
                assertThat(child.isAlive() && !zombie(child)).as("%s (%s) is still running", child.pid(), child.info().command()).isFalse();
            }
        } finally {
            scfDev.descendants().forEach(ProcessHandle::destroyForcibly);
            scfDev.destroyForcibly();
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
