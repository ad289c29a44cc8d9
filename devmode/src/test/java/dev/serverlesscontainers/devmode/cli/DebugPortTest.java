package dev.serverlesscontainers.devmode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.devmode.testing.ScfDevProcess;
import dev.serverlesscontainers.devmode.testing.TestProject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --debug-port} with real debugger clients: the Chrome DevTools protocol for a Node.js app
 * ({@code /json/list}, then {@code Runtime.evaluate} over its WebSocket), before and after a reload on
 * the same port, and the JDWP handshake and a command for a Java app; {@code debug-config} prints the
 * VS Code configuration for the same ports.
 */
@Timeout(180)
class DebugPortTest {
    private static final Duration SOON = Duration.ofSeconds(60);
    private static final Pattern CONTROL = Pattern.compile("control plane -> http://127\\.0\\.0\\.1:(\\d+)/api/containers");
    private static final String NODE_APP = """
            const http = require('http');
            http.createServer((req, res) => res.end('api ' + process.pid)).listen(process.env.PORT);
            """;
    private static final String JAVA_APP = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;

            public class Server {
                public static void main(String[] args) throws Exception {
                    HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(System.getenv("PORT"))), 0);
                    server.createContext("/", exchange -> {
                        byte[] body = ("jvm " + ProcessHandle.current().pid()).getBytes();
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
                    server.start();
                }
            }
            """;
    private static final String PYTHON_APP = """
            import os
            from http.server import BaseHTTPRequestHandler, HTTPServer

            class Handler(BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(200)
                    self.end_headers()
                    self.wfile.write(b"py")

            HTTPServer(("0.0.0.0", int(os.environ["PORT"])), Handler).serve_forever()
            """;
    private static final String YAML = """
            name: debugging
            containers:
              api:
                src: ./api
                routing:
                  pathPattern: /api/*
                  pathHealthCheck: /api/health
                dev:
                  command: exec node server.js
              jvm:
                src: ./jvm
                routing:
                  pathPattern: /jvm/*
                  pathHealthCheck: /jvm/health
                compute:
                  type: awsFargateEcs
                dev:
                  command: exec java Server.java
              py:
                src: ./py
                routing:
                  pathPattern: /py/*
                  pathHealthCheck: /py/health
                dev:
                  command: exec python3 main.py
            """;

    @TempDir
    Path dir;

    private TestProject project() {
        return TestProject.in(dir).write("api/server.js", NODE_APP).write("api/package.json", "{\"name\": \"api\", \"main\": \"server.js\"}")
                .write("jvm/Server.java", JAVA_APP).write("py/main.py", PYTHON_APP).config(YAML);
    }

    @Test
    void debuggersAnswerOnTheirPortsAndTheNodePortFollowsAReload() throws Exception {
        TestProject project = project();
        int nodePort = freePort();
        int javaPort = freePort();
        int pythonPort = freePort();
        try (ScfDevProcess scfDev = ScfDevProcess.start(List.of("--config", project.configFile().toString(), "--runtime", "process",
                "--port-proxy", "0", "--port-control", "0", "--no-aws", "--debug-port", "api=" + nodePort, "--debug-port",
                "jvm=" + javaPort, "--debug-port", "py=" + pythonPort), null)) {
            scfDev.awaitListing(SOON);
            scfDev.awaitStdout(Pattern.compile("api debugger \\(Node\\.js inspector\\) -> 127\\.0\\.0\\.1:" + nodePort), SOON);
            scfDev.awaitStdout(Pattern.compile("jvm debugger \\(.*JDWP.*\\) -> 127\\.0\\.0\\.1:" + javaPort), SOON);
            int control = Integer.parseInt(scfDev.awaitStdout(CONTROL, SOON).group(1));

            JsonObject api = container(control, "api");
            assertThat(api.getJsonObject("debugger").getInteger("port")).isEqualTo(nodePort);
            assertThat(api.getJsonObject("debugger").getString("kind")).isEqualTo("Node.js inspector");
            String firstPid = api.getString("instance").substring(4);
            assertThat(evaluateInNode(nodePort, "process.pid")).isEqualTo(firstPid);

            Files.writeString(dir.resolve("api/server.js"), NODE_APP + "// changed\n");
            Await.until("api reloaded", SOON, () -> !container(control, "api").getString("instance").equals("pid " + firstPid));
            String secondPid = container(control, "api").getString("instance").substring(4);
            Await.until("the debug port to reach the new instance", SOON, () -> secondPid.equals(evaluateInNodeOrNull(nodePort)));

            assertThat(jdwpVersion(javaPort)).contains("Java");

            scfDev.awaitStdout(Pattern.compile("py debugger \\(debugpy\\) -> 127\\.0\\.0\\.1:" + pythonPort), SOON);
            if (debugpyImportable()) {
                JsonObject initialized = dapInitialize(pythonPort);
                assertThat(initialized.getString("command")).isEqualTo("initialize");
                assertThat(initialized.getBoolean("success")).as(initialized.encode()).isTrue();
            } else {
                scfDev.awaitStdout(Pattern.compile("scf-dev: debugpy is not installed for .*python.*, so this app cannot be debugged; "
                        + "add it with: .* -m pip install debugpy"), SOON);
            }
        }
    }

    @Test
    void debugConfigPrintsAnAttachEntryPerContainerOnTheSamePorts() throws Exception {
        TestProject project = project();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ScfDev.run(new String[] {"debug-config", "--config", project.configFile().toString(), "--debug-port", "api=9400"},
                new PrintWriter(out, true), new PrintWriter(err, true), TestProject.hostEnvironment());
        assertThat(code).as(err.toString()).isZero();
        JsonArray configurations = new JsonObject(out.toString()).getJsonArray("configurations");
        assertThat(configurations).hasSize(1);
        JsonObject node = configurations.getJsonObject(0);
        assertThat(node.getString("name")).isEqualTo("scf-dev: api");
        assertThat(node.getString("type")).isEqualTo("node");
        assertThat(node.getString("request")).isEqualTo("attach");
        assertThat(node.getInteger("port")).isEqualTo(9400);
        assertThat(node.getString("localRoot")).isEqualTo("${workspaceFolder}/api");
        assertThat(node.getString("remoteRoot")).isEqualTo(dir.resolve("api").toString());

        out.getBuffer().setLength(0);
        assertThat(ScfDev.run(new String[] {"debug-config", "--config", project.configFile().toString(), "--write"},
                new PrintWriter(out, true), new PrintWriter(err, true), TestProject.hostEnvironment())).isZero();
        JsonObject written = new JsonObject(Files.readString(dir.resolve(".vscode/launch.json")));
        // all: api on the first default port; jvm's language (a single source file) is not one scf-dev detects
        assertThat(written.getJsonArray("configurations").getJsonObject(0).getInteger("port")).isEqualTo(9229);
        assertThat(err.toString()).contains("warning: jvm: scf-dev cannot tell the language of its app");
        assertThat(ScfDev.run(new String[] {"debug-config", "--config", project.configFile().toString(), "--write"},
                new PrintWriter(out, true), new PrintWriter(err, true), TestProject.hostEnvironment())).isEqualTo(ExitCode.FAILURE);
        assertThat(err.toString()).contains("launch.json exists");
    }

    @Test
    void withDockerTheSourcesMapToWhereTheContainerHasThem() throws Exception {
        TestProject project = project();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ScfDev.run(new String[] {"debug-config", "--config", project.configFile().toString(), "--runtime", "docker",
            "--debug-port", "api", "--debug-port", "py=5678"}, new PrintWriter(out, true), new PrintWriter(err, true),
                TestProject.hostEnvironment());
        assertThat(code).as(err.toString()).isZero();
        JsonArray configurations = new JsonObject(out.toString()).getJsonArray("configurations");
        JsonObject node = configurations.getJsonObject(0);
        assertThat(node.getInteger("port")).isEqualTo(9229);
        assertThat(node.getString("localRoot")).isEqualTo("${workspaceFolder}/api");
        assertThat(node.getString("remoteRoot")).isEqualTo("/app");
        JsonObject python = configurations.getJsonObject(1);
        assertThat(python.getString("type")).isEqualTo("debugpy");
        assertThat(python.getJsonObject("connect").getInteger("port")).isEqualTo(5678);
        assertThat(python.getJsonArray("pathMappings").getJsonObject(0).getString("remoteRoot")).isEqualTo("/app");

        assertThat(ScfDev.run(new String[] {"debug-config", "--config", project.configFile().toString(), "--runtime", "podman"},
                new PrintWriter(out, true), new PrintWriter(err, true), TestProject.hostEnvironment())).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.toString()).contains("--runtime must be process or docker (got podman)");
    }

    @Test
    void anUnknownContainerIsAnInputError() throws Exception {
        TestProject project = project();
        StringWriter err = new StringWriter();
        int code = ScfDev.run(new String[] {"--config", project.configFile().toString(), "--runtime", "process", "--no-aws",
            "--debug-port", "apx"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), TestProject.hostEnvironment());
        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.toString()).contains("scf-dev: --debug-port: no container named apx (containers: api, jvm, py; or all)");
    }

    private static JsonObject container(int control, String name) {
        try {
            return new JsonObject(RawHttp.get(control, "127.0.0.1:" + control, "/api/containers/" + name).text());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String evaluateInNodeOrNull(int port) {
        try {
            return evaluateInNode(port, "process.pid");
        } catch (Exception e) {
            return null;
        }
    }

    /** What a DevTools client does: find the target, open its WebSocket, evaluate an expression. */
    static String evaluateInNode(int port, String expression) throws Exception {
        JsonArray targets = new JsonArray(RawHttp.get(port, "127.0.0.1:" + port, "/json/list").text());
        String url = targets.getJsonObject(0).getString("webSocketDebuggerUrl");
        assertThat(url).startsWith("ws://127.0.0.1:" + port + "/");
        CompletableFuture<String> answer = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    JsonObject message = new JsonObject(text.toString());
                    text.setLength(0);
                    if (Integer.valueOf(1).equals(message.getInteger("id"))) {
                        answer.complete(String.valueOf(message.getJsonObject("result").getJsonObject("result").getValue("value")));
                    }
                }
                webSocket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        try {
            socket.sendText(new JsonObject().put("id", 1).put("method", "Runtime.evaluate")
                    .put("params", new JsonObject().put("expression", expression)).encode(), true);
            return answer.get(10, TimeUnit.SECONDS);
        } finally {
            socket.abort();
        }
    }

    /** The JDWP handshake, then VirtualMachine.Version (command set 1, command 1); returns the VM's description. */
    private static String jdwpVersion(int port) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] handshake = "JDWP-Handshake".getBytes(StandardCharsets.US_ASCII);
            out.write(handshake);
            out.flush();
            byte[] echoed = new byte[handshake.length];
            in.readFully(echoed);
            assertThat(new String(echoed, StandardCharsets.US_ASCII)).isEqualTo("JDWP-Handshake");
            out.writeInt(11);
            out.writeInt(1);
            out.writeByte(0);
            out.writeByte(1);
            out.writeByte(1);
            out.flush();
            int length = in.readInt();
            assertThat(in.readInt()).as("reply id").isEqualTo(1);
            assertThat(in.readByte()).as("reply flag").isEqualTo((byte) 0x80);
            assertThat(in.readShort()).as("error code").isZero();
            assertThat(length).isGreaterThan(11);
            byte[] description = new byte[in.readInt()];
            in.readFully(description);
            return new String(description, StandardCharsets.UTF_8);
        }
    }

    private static boolean debugpyImportable() throws Exception {
        Process p = new ProcessBuilder("python3", "-c", "import debugpy").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    /** What a Debug Adapter Protocol client sends first; returns debugpy's answer. */
    private static JsonObject dapInitialize(int port) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            byte[] body = new JsonObject().put("seq", 1).put("type", "request").put("command", "initialize")
                    .put("arguments", new JsonObject().put("adapterID", "scf-dev-test").put("clientID", "scf-dev-test")).encode()
                    .getBytes(StandardCharsets.UTF_8);
            s.getOutputStream().write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(body);
            s.getOutputStream().flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            // messages until the response to ours (events may come first)
            while (true) {
                int length = 0;
                for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
                    if (header.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(header.substring(15).trim());
                    }
                }
                byte[] message = new byte[length];
                in.readFully(message);
                JsonObject json = new JsonObject(new String(message, StandardCharsets.UTF_8));
                if ("response".equals(json.getString("type"))) {
                    return json;
                }
            }
        }
    }

    private static String readLine(DataInputStream in) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new java.io.EOFException("debugpy closed the connection");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
