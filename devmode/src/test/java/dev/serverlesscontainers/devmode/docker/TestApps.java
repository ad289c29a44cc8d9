package dev.serverlesscontainers.devmode.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.runtime.InstanceSpec;
import dev.serverlesscontainers.devmode.runtime.LogSink;
import dev.serverlesscontainers.model.load.ConfigLoader;
import dev.serverlesscontainers.model.config.ProjectConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Small apps on disk, their configuration, and the HTTP and log checks the Docker tests make. */
final class TestApps {
    private TestApps() {}

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A Node.js app that answers with a text and its environment, logs to both streams, and can crash or trap SIGTERM. */
    static String nodeServer(String text) {
        return """
                const http = require('http');
                process.on('SIGTERM', () => { console.log('got SIGTERM'); process.exit(0); });
                http.createServer((req, res) => {
                  if (req.url === '/crash') { console.log('crashing now'); res.end('bye'); setTimeout(() => process.exit(3), 50); return; }
                  if (req.url === '/env') { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify(process.env)); return; }
                  console.log('request ' + req.url);
                  res.end('%s');
                }).listen(process.env.PORT, () => {
                  console.log('listening on ' + process.env.PORT);
                  console.error('a warning on stderr');
                  process.stdout.write('first line\\nsecond line\\n');
                });
                """.formatted(text);
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A project with one container, {@code api} in {@code ./api}, routed at {@code /*}; {@code extra} is more of its settings. */
    static ProjectConfig loadOneContainer(Path projectDir, String project, String extra) {
        return load(projectDir, "name: " + project + "\ncontainers:\n" + container("api", "/*") + extra.indent(4));
    }

    /** The YAML of a container {@code name} under {@code containers:}, from {@code ./name}, healthy at {@code /}. */
    static String container(String name, String pathPattern) {
        return """
                  %s:
                    src: ./%s
                    routing:
                      pathPattern: %s
                      pathHealthCheck: /
                """.formatted(name, name, pathPattern);
    }

    static ProjectConfig load(Path projectDir, String yaml) {
        write(projectDir.resolve("serverless.containers.yml"), yaml);
        return ConfigLoader.load(projectDir.resolve("serverless.containers.yml"), "dev", Map.of());
    }

    static InstanceSpec spec(ProjectConfig project, String container, Map<String, String> extra, LogSink logs) {
        return new InstanceSpec(project, project.container(container).orElseThrow(), extra, logs);
    }

    record Response(int status, String body) {}

    static Response get(InetSocketAddress address, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address.getHostString() + ":" + address.getPort() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    /** Polls until the app answers 200 on {@code path}; returns that answer. */
    static Response awaitReady(InetSocketAddress address, String path, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                Response r = get(address, path);
                if (r.status() == 200) {
                    return r;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no 200 from " + address + path + " within " + timeout.toSeconds() + " s (last error: " + last + ")");
    }

    /** Every line a runtime passed on, in order. */
    static final class RecordedLogs implements LogSink {
        record Line(String container, String instanceId, Stream stream, String text) {}

        final List<Line> lines = new CopyOnWriteArrayList<>();

        @Override
        public void line(String container, String instanceId, Stream stream, String text) {
            lines.add(new Line(container, instanceId, stream, text));
        }

        List<String> texts(String instanceId, Stream stream) {
            return lines.stream().filter(l -> l.instanceId().equals(instanceId) && l.stream() == stream).map(Line::text).toList();
        }

        void await(Predicate<Line> match, Duration timeout, String what) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (lines.stream().anyMatch(match)) {
                    return;
                }
                Thread.sleep(50);
            }
            assertThat(lines).as("log lines, waiting %s for %s", timeout, what).anyMatch(match);
        }
    }
}
