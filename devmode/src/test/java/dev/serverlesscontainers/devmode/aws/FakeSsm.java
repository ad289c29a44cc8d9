package dev.serverlesscontainers.devmode.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local SSM on 127.0.0.1 that answers GetParameter as AWS does (JSON 1.1 protocol, the operation in
 * {@code X-Amz-Target}, {@code ParameterNotFound} as a 400 with {@code __type}), from the parameters it is given.
 */
final class FakeSsm implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One GetParameter as received. */
    record Request(String name, boolean withDecryption, String authorization) {}

    private final HttpServer server;
    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeSsm() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeSsm start() throws IOException {
        return new FakeSsm();
    }

    FakeSsm parameter(String name, String value) {
        parameters.put(name, value);
        return this;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requests() {
        return requests;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"AmazonSSM.GetParameter".equals(target)) {
                send(exchange, 400, JSON.createObjectNode().put("__type", "UnknownOperationException").put("message", String.valueOf(target)));
                return;
            }
            String name = body.path("Name").asText();
            requests.add(new Request(name, body.path("WithDecryption").asBoolean(false),
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))));
            String value = parameters.get(name);
            if (value == null) {
                send(exchange, 400, JSON.createObjectNode().put("__type", "ParameterNotFound").put("message", ""));
                return;
            }
            ObjectNode parameter = JSON.createObjectNode().put("Name", name).put("Type", "SecureString").put("Value", value).put("Version", 1);
            send(exchange, 200, JSON.createObjectNode().set("Parameter", parameter));
        }
    }

    private static void send(HttpExchange exchange, int status, JsonNode json) throws IOException {
        byte[] bytes = JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
