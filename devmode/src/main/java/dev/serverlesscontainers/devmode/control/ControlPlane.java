package dev.serverlesscontainers.devmode.control;

import dev.serverlesscontainers.devmode.aws.RoleStatus;
import dev.serverlesscontainers.devmode.debug.DebugPlan;
import dev.serverlesscontainers.devmode.supervisor.ContainerStatus;
import dev.serverlesscontainers.devmode.supervisor.ContainerSupervisor;
import dev.serverlesscontainers.devmode.http.Servers;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The control plane on the loopback interface only: a small JSON API, and the dashboard that uses it.
 *
 * <pre>
 * GET  /                               the dashboard (and /dashboard.js, /dashboard.css)
 * GET  /api/containers                 every container: status, URL, instance, restarts, last reload, AWS role, debug port
 * GET  /api/containers/NAME            one container
 * POST /api/containers/NAME/restart    replace its instance (zero downtime, like a reload)
 * GET  /api/logs[?container=NAME]      logs as server-sent events
 * GET  /api/containers/NAME/logs       one container's logs as server-sent events
 * GET  /api/requests                   the last requests the proxy answered
 * GET  /api/requests/stream            the same, then each new one, as server-sent events
 * </pre>
 *
 * A browser may change something (POST) only from the control plane's own page ({@link LocalOnly#writeRefusal}).
 */
public final class ControlPlane implements AutoCloseable {
    /** Always loopback, whatever {@code --host} says: the control plane steers processes on this machine. */
    public static final String HOST = "127.0.0.1";

    private final HttpServer server;

    private ControlPlane(HttpServer server) {
        this.server = server;
    }

    public static ControlPlane start(Vertx vertx, int port, ControlContext context) throws IOException {
        return start(vertx, port, context, new RecentRequests(java.time.Clock.systemUTC()));
    }

    /** @param requests what the proxy answered, which the dashboard lists */
    public static ControlPlane start(Vertx vertx, int port, ControlContext context, RecentRequests requests) throws IOException {
        return start(vertx, port, context, requests, DebugPlan.none());
    }

    /** @param debug the containers whose debuggers listen, and on which port */
    public static ControlPlane start(Vertx vertx, int port, ControlContext context, RecentRequests requests, DebugPlan debug)
            throws IOException {
        return start(vertx, port, () -> context, requests, debug);
    }

    /** @param context what the control plane reports, asked for each request: it changes with the configuration */
    public static ControlPlane start(Vertx vertx, int port, Supplier<ControlContext> context, RecentRequests requests, DebugPlan debug)
            throws IOException {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(HOST).setPort(port))
                .requestHandler(request -> handle(vertx, request, context.get(), requests, debug))
                .exceptionHandler(e -> { });
        Servers.listen(server, HOST, port);
        return new ControlPlane(server);
    }

    public int port() {
        return server.actualPort();
    }

    private static void handle(Vertx vertx, HttpServerRequest request, ControlContext context, RecentRequests requests,
                               DebugPlan debug) {
        Optional<String> refused = LocalOnly.refusal(request.getHeader("host"), request.getHeader("origin"));
        if (refused.isEmpty() && !get(request)) {
            refused = LocalOnly.writeRefusal(request.getHeader("host"), request.getHeader("origin"), request.getHeader("sec-fetch-site"));
        }
        if (refused.isPresent()) {
            json(request, 403, new JsonObject().put("error", refused.get()));
            return;
        }
        if (Dashboard.serves(request.path()) && get(request)) {
            Dashboard.serve(request);
            return;
        }
        String[] path = request.path().replaceAll("/+$", "").split("/");
        // path[0] is empty: "/api/containers/x" splits into "", "api", "containers", "x"
        if (path.length < 2 || !path[1].equals("api")) {
            json(request, 404, new JsonObject().put("error", "no such endpoint; try GET /api/containers"));
            return;
        }
        if (path.length == 3 && path[2].equals("logs") && get(request)) {
            LogStream.open(vertx, request.response(), context.logs(), request.getParam("container"));
        } else if (path.length >= 3 && path[2].equals("requests") && get(request)) {
            requests(vertx, request, context, requests, path);
        } else if (path.length == 3 && path[2].equals("containers") && get(request)) {
            JsonArray containers = new JsonArray();
            context.fleet().statuses().forEach(s -> containers.add(describe(s, context, debug)));
            json(request, 200, context, new JsonObject().put("project", context.project()).put("stage", context.stage())
                    .put("runtime", context.runtime()).put("proxy", context.proxyUrl()).put("containers", containers));
        } else if (path.length >= 4 && path[2].equals("containers")) {
            Optional<ContainerSupervisor> supervisor = context.fleet().get(path[3]);
            if (supervisor.isEmpty()) {
                json(request, 404, new JsonObject().put("error", "no container named " + path[3]));
            } else if (path.length == 4 && get(request)) {
                json(request, 200, context, describe(supervisor.get().status(), context, debug));
            } else if (path.length == 5 && path[4].equals("restart") && request.method() == HttpMethod.POST) {
                supervisor.get().restart();
                json(request, 202, new JsonObject().put("container", path[3]).put("restarting", true));
            } else if (path.length == 5 && path[4].equals("logs") && get(request)) {
                LogStream.open(vertx, request.response(), context.logs(), path[3]);
            } else {
                json(request, 404, new JsonObject().put("error", "no such endpoint: " + request.method() + " " + request.path()));
            }
        } else {
            json(request, 404, new JsonObject().put("error", "no such endpoint: " + request.method() + " " + request.path()));
        }
    }

    private static void requests(Vertx vertx, HttpServerRequest request, ControlContext context, RecentRequests requests, String[] path) {
        if (path.length == 3) {
            JsonArray all = new JsonArray();
            requests.recent().forEach(r -> all.add(RecentRequests.json(r)));
            json(request, 200, context, new JsonObject().put("requests", all));
        } else if (path.length == 4 && path[3].equals("stream")) {
            ServerSentEvents.open(vertx, request.response(), "scf-dev requests",
                    requests.recent().stream().map(r -> requestEvent(r, context)).toList(),
                    send -> requests.subscribe(r -> send.accept(requestEvent(r, context))));
        } else {
            json(request, 404, new JsonObject().put("error", "no such endpoint: " + request.method() + " " + request.path()));
        }
    }

    /** A path or query can carry a secret as well as a log line can. */
    private static String requestEvent(RecentRequests.Answered r, ControlContext context) {
        return ServerSentEvents.event("request", context.redactor().apply(RecentRequests.json(r).encode()));
    }

    static JsonObject describe(ContainerStatus s, ControlContext context, DebugPlan debug) {
        JsonObject json = new JsonObject()
                .put("name", s.name())
                .put("computeType", s.computeType())
                .put("status", s.status().label())
                .put("url", context.urls().get(s.name()))
                .put("route", context.routes().get(s.name()))
                .put("healthCheck", context.healthChecks().get(s.name()))
                .put("instance", s.instance().orElse(null))
                .put("address", s.address().orElse(null))
                .put("restarts", s.restarts())
                .put("reloads", s.reloads())
                .put("lastReload", s.lastReload().map(Object::toString).orElse(null))
                .put("lastError", s.lastError().orElse(null));
        context.roles().get().stream().filter(r -> r.container().equals(s.name())).findFirst()
                .ifPresent(r -> json.put("aws", describe(r)));
        debug.target(s.name()).ifPresent(t -> json.put("debugger", new JsonObject().put("port", t.port()).put("kind", t.label())));
        return json;
    }

    /** The role and when its credentials expire; what the credentials are is nobody's business here. */
    static JsonObject describe(RoleStatus r) {
        return new JsonObject()
                .put("credentials", r.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .put("roleArn", r.roleArn().orElse(null))
                .put("roleSource", r.roleSource().orElse(null))
                .put("expires", r.expiration().map(Object::toString).orElse(null))
                .put("detail", r.detail().orElse(null));
    }

    private static boolean get(HttpServerRequest request) {
        return request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
    }

    private static void json(HttpServerRequest request, int status, JsonObject body) {
        json(request, status, UnaryOperator.identity(), body);
    }

    /** An answer about containers: their last errors quote apps and AWS, so it passes the redactor. */
    private static void json(HttpServerRequest request, int status, ControlContext context, JsonObject body) {
        json(request, status, context.redactor(), body);
    }

    private static void json(HttpServerRequest request, int status, UnaryOperator<String> redactor, JsonObject body) {
        request.response().setStatusCode(status).putHeader("content-type", "application/json")
                .putHeader("cache-control", "no-store").end(redactor.apply(body.encodePrettily()) + "\n");
    }

    @Override
    public void close() {
        Servers.close(server);
    }
}
