package dev.serverlesscontainers.devmode.supervisor;

import dev.serverlesscontainers.devmode.http.EventLoops;
import dev.serverlesscontainers.devmode.logs.LogEntry;
import dev.serverlesscontainers.devmode.logs.LogHub;
import dev.serverlesscontainers.devmode.process.ProcessRuntime;
import dev.serverlesscontainers.devmode.proxy.AlbProxy;
import dev.serverlesscontainers.devmode.proxy.ProxyConfig;
import dev.serverlesscontainers.devmode.proxy.ProxyOptions;
import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.TestProject;
import dev.serverlesscontainers.model.config.ProjectConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** Real processes behind a real proxy: a supervised project as scf-dev runs it, for tests. */
final class Stack implements AutoCloseable {
    final ProjectConfig project;
    final LogHub logs = new LogHub();
    final List<LogEntry> events = new CopyOnWriteArrayList<>();
    final ProcessRuntime runtime;
    final Vertx vertx = EventLoops.create();
    final Fleet fleet;
    final AlbProxy proxy;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Stack(ProjectConfig project, UnaryOperator<SupervisorOptions> tweak) throws IOException {
        this(project, tweak, TestProject.hostEnvironment());
    }

    /** @param hostEnvironment what scf-dev runs in (a PATH with an app's tools, say) */
    Stack(ProjectConfig project, UnaryOperator<SupervisorOptions> tweak, Map<String, String> hostEnvironment) throws IOException {
        this.project = project;
        this.runtime = new ProcessRuntime(hostEnvironment);
        logs.subscribe(events::add);
        SupervisorOptions options = tweak.apply(SupervisorOptions.defaults(hostEnvironment)
                .withStartTimeout(Duration.ofSeconds(20)));
        fleet = new Fleet(project, runtime, vertx, logs, options);
        proxy = AlbProxy.start(vertx, ProxyOptions.of("127.0.0.1", 0), ProxyConfig.of(project, "us-east-1"), fleet);
    }

    ContainerSupervisor supervisor(String name) {
        return fleet.get(name).orElseThrow();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String text(String path) {
        try {
            return get(path).body();
        } catch (IOException | InterruptedException e) {
            return "failed: " + e;
        }
    }

    void awaitBody(String path, String expected) {
        Await.until("GET " + path + " to answer " + expected, Duration.ofSeconds(20), () -> text(path).equals(expected));
    }

    boolean logged(String container, String fragment) {
        return events.stream().anyMatch(e -> e.container().equals(container) && e.text().contains(fragment));
    }

    @Override
    public void close() {
        fleet.close();
        runtime.close();
        proxy.close();
        Await.result(vertx.close());
    }

    /** A project with one container {@code app} in {@code ./app} on {@code /*}, health at {@code /health}. */
    static String config(String computeType, String command, String extraYaml) {
        return """
                name: stack-test
                containers:
                  app:
                    src: ./app
                    routing:
                      pathPattern: /*
                      pathHealthCheck: /health
                    compute:
                      type: %s
                    dev:
                      command: %s
                """.formatted(computeType, command) + extraYaml;
    }
}
