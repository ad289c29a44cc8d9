package dev.serverlesscontainers.devmode.testing;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A client that sends exactly the bytes a test writes (any Host header, malformed requests) and
 * parses the answer, over a socket to 127.0.0.1.
 */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawHttp(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** How long a read may wait (30 s unless set). */
    public RawHttp timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
        return this;
    }

    public record Response(int status, String reason, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(0);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One GET on a new connection. */
    public static Response get(int port, String host, String target, String... headerLines) throws IOException {
        try (RawHttp http = new RawHttp(port)) {
            return http.send(request("GET", host, target, headerLines), false);
        }
    }

    /** The JSON of a GET's answer; an assertion error unless it is a 200. */
    public static JsonObject getJson(int port, String host, String target) {
        try {
            Response r = get(port, host, target);
            if (r.status() != 200) {
                throw new AssertionError("GET " + host + target + ": " + r.status() + " " + r.text());
            }
            return new JsonObject(r.text());
        } catch (IOException e) {
            throw new AssertionError("GET " + host + target + " failed", e);
        }
    }

    /** Sends raw bytes on a new connection and reads one response. */
    public static Response exchange(int port, String raw) throws IOException {
        try (RawHttp http = new RawHttp(port)) {
            return http.send(raw, false);
        }
    }

    public static String request(String method, String host, String target, String... headerLines) {
        StringBuilder b = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        if (host != null) {
            b.append("Host: ").append(host).append("\r\n");
        }
        for (String h : headerLines) {
            b.append(h).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    public Response send(String raw, boolean head) throws IOException {
        write(raw.getBytes(StandardCharsets.ISO_8859_1));
        return read(head);
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Reads and drops whatever else the server sends, until it closes the connection (true) or
     * {@code millis} pass (false).
     */
    public boolean drainUntilClosed(int millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        byte[] sink = new byte[8192];
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) left);
                if (in.read(sink) < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    /** Ends the client's side of the connection (a FIN); the server's side stays readable. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    public OutputStream output() {
        return out;
    }

    public InputStream input() {
        return in;
    }

    /** Reads one final response (interim 1xx responses other than 101 are skipped). */
    public Response read(boolean head) throws IOException {
        while (true) {
            String statusLine = line();
            if (statusLine == null) {
                throw new IOException("the connection closed before a response");
            }
            String[] parts = statusLine.split(" ", 3);
            int status = Integer.parseInt(parts[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String l = line(); l != null && !l.isEmpty(); l = line()) {
                int colon = l.indexOf(':');
                headers.computeIfAbsent(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(l.substring(colon + 1).trim());
            }
            if (status >= 100 && status < 200 && status != 101) {
                continue;
            }
            byte[] body = head || status == 101 || status == 204 || status == 304 ? new byte[0] : body(headers);
            return new Response(status, parts.length > 2 ? parts[2] : "", headers, body);
        }
    }

    private byte[] body(Map<String, List<String>> headers) throws IOException {
        List<String> te = headers.get("transfer-encoding");
        if (te != null && te.get(0).toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    for (String l = line(); l != null && !l.isEmpty(); l = line()) {
                        // trailers
                    }
                    return b.toByteArray();
                }
                b.write(in.readNBytes(n));
                line();
            }
        }
        List<String> cl = headers.get("content-length");
        if (cl != null) {
            return in.readNBytes(Integer.parseInt(cl.get(0)));
        }
        return in.readAllBytes();
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    /** Whether the server has closed the connection (reads end of stream within a second). */
    public boolean closedByServer() throws IOException {
        return closedByServer(1000);
    }

    /** Whether the server closes the connection within {@code millis} (data read instead means it did not). */
    public boolean closedByServer(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return in.read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
