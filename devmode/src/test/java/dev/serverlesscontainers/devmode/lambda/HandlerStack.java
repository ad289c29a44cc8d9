package dev.serverlesscontainers.devmode.lambda;

import dev.serverlesscontainers.devmode.http.EventLoops;
import dev.serverlesscontainers.devmode.logs.LogEntry;
import dev.serverlesscontainers.devmode.logs.LogHub;
import dev.serverlesscontainers.devmode.proxy.AccessLogEntry;
import dev.serverlesscontainers.devmode.proxy.AlbProxy;
import dev.serverlesscontainers.devmode.proxy.ProxyConfig;
import dev.serverlesscontainers.devmode.proxy.ProxyOptions;
import dev.serverlesscontainers.devmode.runtime.ContainerRuntime;
import dev.serverlesscontainers.devmode.supervisor.ContainerSupervisor;
import dev.serverlesscontainers.devmode.supervisor.Fleet;
import dev.serverlesscontainers.devmode.supervisor.SupervisorOptions;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** A project of handler containers, supervised on a real runtime behind a real proxy, as scf-dev runs it. */
final class HandlerStack implements AutoCloseable {
    static final String REGION = "eu-west-1";

    final ProjectConfig project;
    final LogHub logs = new LogHub();
    final List<LogEntry> events = new CopyOnWriteArrayList<>();
    final List<AccessLogEntry> accessLog = new CopyOnWriteArrayList<>();
    final ContainerRuntime runtime;
    final Vertx vertx = EventLoops.create();
    final Fleet fleet;
    final AlbProxy proxy;
    // HTTP/1.1, as curl and browsers speak to localhost: a 413 closes the connection, which HTTP/2 turns into a GOAWAY before the answer
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    HandlerStack(ProjectConfig project, ContainerRuntime runtime, int maxInstances) throws IOException {
        this.project = project;
        this.runtime = runtime;
        logs.subscribe(events::add);
        SupervisorOptions options = SupervisorOptions.defaults(TestProject.hostEnvironment())
                .withStartTimeout(Duration.ofSeconds(60)).withLambda(maxInstances, REGION);
        fleet = new Fleet(project, runtime, vertx, logs, options);
        proxy = AlbProxy.start(vertx, ProxyOptions.of("127.0.0.1", 0).withAccessLog(accessLog::add), ProxyConfig.of(project, REGION), fleet);
    }

    /**
     * A project with one Lambda container {@code fn} in {@code ./fn} on {@code /*}, run with {@code command};
     * {@code awsLambda} and {@code environment} are the YAML maps of those keys.
     */
    static String config(String command, String awsLambda, String environment) {
        return """
                name: handlers
                containers:
                  fn:
                    src: ./fn
                    routing:
                      pathPattern: /*
                      pathHealthCheck: /health
                    environment: %s
                    compute:
                      type: awsLambda
                      awsLambda: %s
                    dev:
                      command: %s
                """.formatted(environment, awsLambda, command);
    }

    ContainerSupervisor.Outcome start(String container) {
        return fleet.startAll().get(container);
    }

    ContainerSupervisor supervisor(String name) {
        return fleet.get(name).orElseThrow();
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpRequest.Builder request(String target) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + target));
    }

    HttpResponse<String> get(String target) throws IOException, InterruptedException {
        return http.send(request(target).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String text(String target) {
        try {
            return get(target).body();
        } catch (IOException | InterruptedException e) {
            return "failed: " + e;
        }
    }

    boolean logged(String container, String fragment) {
        return events.stream().anyMatch(e -> e.container().equals(container) && e.text().contains(fragment));
    }

    void awaitLogged(String container, String fragment) {
        Await.until(container + " to log \"" + fragment + "\"", Duration.ofSeconds(20), () -> logged(container, fragment));
    }

    /** The access log's note for the request to {@code uri}, once it was answered. */
    String accessNote(String uri) {
        Await.until("the access log line of " + uri, Duration.ofSeconds(10), () -> accessLog.stream().anyMatch(e -> e.uri().equals(uri)));
        return accessLog.stream().filter(e -> e.uri().equals(uri)).findFirst().orElseThrow().note();
    }

    String log() {
        return events.stream().map(e -> "[" + e.container() + "] " + e.text()).collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        fleet.close();
        runtime.close();
        proxy.close();
        Await.result(vertx.close());
    }
}
