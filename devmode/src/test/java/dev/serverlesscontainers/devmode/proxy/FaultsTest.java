package dev.serverlesscontainers.devmode.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.Ports;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.model.config.ComputeType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients and backends that misbehave, against the proxy in front of a real backend process (Node.js,
 * test resources apps/fault-backend): each gets the ALB's answer, and once it is over the proxy
 * holds no more file descriptors (counted in /proc/self/fd) and the backend no more connections
 * than before.
 */
class FaultsTest {
    static final Duration IDLE_TIMEOUT = Duration.ofMillis(600);
    static final int MB = 1024 * 1024;

    private static Process backend;
    private static int backendPort;
    private static ProxyHarness h;

    @BeforeAll
    static void start() throws Exception {
        backendPort = Ports.closed();
        Path app = Path.of(FaultsTest.class.getResource("/apps/fault-backend/server.js").toURI()).getParent();
        ProcessBuilder builder = new ProcessBuilder("node", "server.js").directory(app.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", String.valueOf(backendPort));
        backend = builder.start();
        Await.until("the backend to listen", Duration.ofSeconds(10), () -> backendConnectionsOrMinusOne() >= 0);
        h = ProxyHarness.start(ProxyHarness.table(ProxyHarness.route("web", null, "/*", ComputeType.AWS_FARGATE_ECS),
                ProxyHarness.route("fn", null, "/fn/*", ComputeType.AWS_LAMBDA)), Map.of(), o -> o.withIdleTimeout(IDLE_TIMEOUT));
        h.serve("web", backendPort);
        h.serve("fn", backendPort);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (h != null) {
            h.close();
        }
        if (backend != null) {
            backend.destroy();
            backend.waitFor();
        }
    }

    @Test
    void everyFaultGetsTheAlbsAnswerAndLeavesNoConnectionOrDescriptorBehind() throws Exception {
        Map<String, String> first = round(); // loads every class and opens what the JVM keeps for good
        settle();
        long fdsBefore = openDescriptors();
        int backendBefore = backendConnectionsOrMinusOne();
        Map<String, String> second = round();
        settle();
        long fdsAfter = openDescriptors();
        int backendAfter = backendConnectionsOrMinusOne();

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("headers sent slowly", "200 ok");
        expected.put("response read slowly", "200 " + 4 * MB + " bytes");
        expected.put("backend slower than the idle timeout", "504 web did not answer within the idle timeout");
        expected.put("client gone while the backend works", "460 in the access log");
        expected.put("client gone in the middle of an upload", "460 in the access log");
        expected.put("client gone in the middle of a download", "gone");
        expected.put("a 17 KB header", "400, connection closed");
        expected.put("72 KB of headers", "400, connection closed");
        expected.put("a 17 KB request line", "400, connection closed");
        expected.put("a 7 MB body to a Lambda container", "413, connection closed");
        expected.put("a 20 MB body to a Fargate container", "200 " + 20 * MB + " bytes");
        assertThat(first).isEqualTo(expected);
        assertThat(second).isEqualTo(expected);
        assertThat(backendBefore).as("backend connections when idle, before").isZero();
        assertThat(backendAfter).as("backend connections after another round of faults").isZero();
        assertThat(fdsAfter).as("the JVM's open file descriptors after another round of faults (before: %d)", fdsBefore)
                .isLessThanOrEqualTo(fdsBefore);
    }

    /** Every fault once; what each came to, in words. */
    private static Map<String, String> round() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        int logged = h.accessLog.size();
        out.put("headers sent slowly", slowHeaders());
        out.put("response read slowly", slowReader());
        RawHttp.Response slow = RawHttp.get(h.port(), "x", "/slow?ms=2000");
        out.put("backend slower than the idle timeout", slow.status() + " " + slow.header(Failure.REASON_HEADER));
        out.put("client gone while the backend works", vanish("GET /slow?ms=1000 HTTP/1.1\r\nHost: x\r\n\r\n", 0, "/slow?ms=1000", logged));
        out.put("client gone in the middle of an upload",
                vanish("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: " + 8 * MB + "\r\n\r\n", MB, "/upload", logged));
        out.put("client gone in the middle of a download", vanishDownloading());
        out.put("a 17 KB header", refused(RawHttp.request("GET", "x", "/", "X-Big: " + "a".repeat(17 * 1024))));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            many.add("X-Part-" + i + ": " + "b".repeat(12 * 1024));
        }
        out.put("72 KB of headers", refused(RawHttp.request("GET", "x", "/", many.toArray(String[]::new))));
        out.put("a 17 KB request line", refused(RawHttp.request("GET", "x", "/" + "c".repeat(17 * 1024))));
        out.put("a 7 MB body to a Lambda container", upload("/fn/upload", 7 * MB));
        out.put("a 20 MB body to a Fargate container", upload("/upload", 20 * MB));
        return out;
    }

    /** A request whose head arrives a line at a time, 10 ms apart. */
    private static String slowHeaders() throws IOException, InterruptedException {
        try (RawHttp http = new RawHttp(h.port())) {
            http.write("GET /fast HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 20; i++) {
                Thread.sleep(10);
                http.write(("X-Slow-" + i + ": " + i + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            http.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            RawHttp.Response r = http.read(false);
            return r.status() + " " + r.text();
        }
    }

    /** 4 MB read 16 KB at a time, 2 ms apart: the proxy must hold back, not buffer or drop. */
    private static String slowReader() throws IOException, InterruptedException {
        try (RawHttp http = new RawHttp(h.port())) {
            http.write(RawHttp.request("GET", "x", "/big?mb=4").getBytes(StandardCharsets.ISO_8859_1));
            RawHttp.Response head = http.read(true);
            long length = Long.parseLong(head.header("content-length"));
            InputStream in = http.input();
            byte[] buffer = new byte[16 * 1024];
            long read = 0;
            while (read < length) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - read));
                if (n < 0) {
                    break;
                }
                read += n;
                Thread.sleep(2);
            }
            return head.status() + " " + read + " bytes";
        }
    }

    /** Sends {@code head} and {@code bodyBytes} of body, then closes the connection; the access log must say 460. */
    private static String vanish(String head, int bodyBytes, String uri, int loggedBefore) throws IOException, InterruptedException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), h.port())) {
            s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(new byte[bodyBytes]);
            s.getOutputStream().flush();
            Thread.sleep(150);
        }
        try {
            Await.until("the access log to show the client gone for " + uri, Duration.ofSeconds(5), () -> loggedSince(loggedBefore)
                    .stream().anyMatch(e -> e.uri().equals(uri) && e.status() == 460));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the access log: " + loggedSince(loggedBefore), e);
        }
        return "460 in the access log";
    }

    private static List<AccessLogEntry> loggedSince(int index) {
        List<AccessLogEntry> all = List.copyOf(h.accessLog);
        return all.subList(Math.min(index, all.size()), all.size());
    }

    private static String vanishDownloading() throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), h.port())) {
            s.getOutputStream().write(RawHttp.request("GET", "x", "/big?mb=16").getBytes(StandardCharsets.ISO_8859_1));
            s.getInputStream().readNBytes(256 * 1024);
        }
        return "gone";
    }

    /** A request the proxy must refuse, and close the connection after. */
    private static String refused(String raw) throws IOException {
        try (RawHttp http = new RawHttp(h.port())) {
            RawHttp.Response r = http.send(raw, false);
            return r.status() + (http.closedByServer() ? ", connection closed" : ", connection left open");
        }
    }

    private static String upload(String path, int bytes) throws IOException {
        try (RawHttp http = new RawHttp(h.port())) {
            http.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + bytes + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            try {
                byte[] chunk = new byte[MB];
                for (int sent = 0; sent < bytes; sent += MB) {
                    http.write(chunk);
                }
            } catch (IOException refusedEarly) {
                // a refusal may close the connection before the whole body is sent
            }
            RawHttp.Response r = http.read(false);
            return r.status() == 200 ? "200 " + r.text() + " bytes" : r.status() + (http.closedByServer() ? ", connection closed" : "");
        }
    }

    /** Waits until the pooled keep-alive connections have expired and the backend holds none. */
    private static void settle() {
        Await.until("the backend to hold no connection", Duration.ofSeconds(15), () -> backendConnectionsOrMinusOne() == 0);
    }

    private static int backendConnectionsOrMinusOne() {
        try {
            return Integer.parseInt(RawHttp.get(backendPort, "x", "/connections", "Connection: close").text());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
