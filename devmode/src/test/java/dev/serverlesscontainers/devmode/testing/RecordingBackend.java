package dev.serverlesscontainers.devmode.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A backend on 127.0.0.1 that reads what the proxy sends with a parser stricter than any real server
 * (RFC 9112 with none of its leniencies) and records every request it could frame, or why it could
 * not. A request that this parser frames is read the same way by every server behind the proxy; one
 * it cannot frame is one an app could have read differently from the proxy. Each request is answered
 * {@code 200 ok} on a kept-alive connection; a malformed one is recorded and the connection closed.
 */
public final class RecordingBackend implements AutoCloseable {
    /** A request as the backend framed it. */
    public record Request(String method, String target, List<String> headerLines, int bodyBytes) {
        /** The values of header {@code name} (case-insensitive), in order. */
        public List<String> header(String name) {
            List<String> values = new ArrayList<>();
            for (String line : headerLines) {
                int colon = line.indexOf(':');
                if (line.substring(0, colon).equalsIgnoreCase(name)) {
                    values.add(line.substring(colon + 1).strip());
                }
            }
            return values;
        }
    }

    private static final int MAX_LINE = 128 * 1024;

    private final ServerSocket server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> malformed = new CopyOnWriteArrayList<>();
    private final List<String> truncated = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    /** What each open connection waits for, with the head of the request it is in. */
    private final java.util.Map<Socket, String> waiting = new java.util.concurrent.ConcurrentHashMap<>();

    public RecordingBackend() throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "recording-backend");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Every request framed so far. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Why each malformed message could not be framed. */
    public List<String> malformed() {
        return List.copyOf(malformed);
    }

    /**
     * Requests whose connection ended before they were whole: the proxy gave up a request it had begun
     * to stream (its body turned out malformed, or its client went away).
     */
    public List<String> truncated() {
        return List.copyOf(truncated);
    }

    /** Forgets what was recorded (open connections stay). */
    public void clear() {
        requests.clear();
        malformed.clear();
        truncated.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "recording-backend-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (true) {
                Request r;
                try {
                    waiting.put(s, "the next request");
                    r = read(in, s);
                } catch (Truncated t) {
                    truncated.add(t.getMessage());
                    return;
                } catch (Malformed m) {
                    malformed.add(m.getMessage());
                    return;
                }
                if (r == null) {
                    return;
                }
                requests.add(r);
                String body = r.method().equals("HEAD") ? "" : "ok";
                out.write(("HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\n" + body)
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // the proxy closed the connection: fine
        } finally {
            open.remove(s);
            waiting.remove(s);
        }
    }

    private static class Malformed extends Exception {
        Malformed(String why) {
            super(why, null, false, false);
        }
    }

    private static final class Truncated extends Malformed {
        Truncated(String why) {
            super(why);
        }
    }

    /** One request, or null at a clean end of the connection. */
    /** What each open connection is waiting for. */
    public List<String> waiting() {
        return List.copyOf(waiting.values());
    }

    private Request read(InputStream in, Socket s) throws IOException, Malformed {
        String requestLine = line(in, true);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || !isToken(parts[0]) || parts[1].isEmpty() || !isVisible(parts[1]) || !parts[2].equals("HTTP/1.1")) {
            throw new Malformed("request line " + printable(requestLine));
        }
        List<String> headers = new ArrayList<>();
        int lengths = 0;
        long length = 0;
        int encodings = 0;
        boolean chunked = false;
        for (String h = line(in, false); !h.isEmpty(); h = line(in, false)) {
            int colon = h.indexOf(':');
            if (colon <= 0 || !isToken(h.substring(0, colon)) || !isFieldValue(h.substring(colon + 1))) {
                throw new Malformed("header line " + printable(h));
            }
            String name = h.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).strip();
            if (name.equals("content-length")) {
                lengths++;
                // as strict as an app that reads the length as a double (JavaScript): at most 2^53 - 1
                if (value.isEmpty() || value.length() > 16 || !value.chars().allMatch(c -> c >= '0' && c <= '9')
                        || Long.parseLong(value) > (1L << 53) - 1) {
                    throw new Malformed("content-length " + printable(value));
                }
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding")) {
                encodings++;
                chunked = value.equalsIgnoreCase("chunked");
                if (!chunked) {
                    throw new Malformed("transfer-encoding " + printable(value));
                }
            }
            headers.add(h);
        }
        if (lengths + encodings > 1) {
            throw new Malformed(lengths + " content-length and " + encodings + " transfer-encoding headers");
        }
        waiting.put(s, "the body of " + printable(requestLine) + " " + headers);
        int body = chunked ? chunkedBody(in) : (int) skip(in, length);
        return new Request(parts[0], parts[1], headers, body);
    }

    private static int chunkedBody(InputStream in) throws IOException, Malformed {
        int total = 0;
        while (true) {
            String size = line(in, false);
            if (size.isEmpty() || size.length() > 8 || !size.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new Malformed("chunk size " + printable(size));
            }
            int n = Integer.parseInt(size, 16);
            if (n == 0) {
                for (String trailer = line(in, false); !trailer.isEmpty(); trailer = line(in, false)) {
                    if (trailer.indexOf(':') <= 0) {
                        throw new Malformed("trailer " + printable(trailer));
                    }
                }
                return total;
            }
            total += (int) skip(in, n);
            if (!line(in, false).isEmpty()) {
                throw new Malformed("chunk data longer than its size");
            }
        }
    }

    private static long skip(InputStream in, long n) throws IOException, Malformed {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new Truncated("body ended after " + (n - left) + " of " + n + " bytes");
                }
                skipped = 1;
            }
            left -= skipped;
        }
        return n;
    }

    /** A line ended by CRLF exactly; a bare CR or LF is malformed. Null at end of stream when {@code endOk}. */
    private static String line(InputStream in, boolean endOk) throws IOException, Malformed {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\r') {
                if (in.read() != '\n') {
                    throw new Malformed("a bare CR after " + printable(b.toString(StandardCharsets.ISO_8859_1)));
                }
                return b.toString(StandardCharsets.ISO_8859_1);
            }
            if (c == '\n') {
                throw new Malformed("a bare LF after " + printable(b.toString(StandardCharsets.ISO_8859_1)));
            }
            if (b.size() >= MAX_LINE) {
                throw new Malformed("a line over " + MAX_LINE + " bytes");
            }
            b.write(c);
        }
        if (endOk && b.size() == 0) {
            return null;
        }
        throw new Truncated("the connection ended inside a line: " + printable(b.toString(StandardCharsets.ISO_8859_1)));
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128 || "!#$%&'*+-.^_`|~".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVisible(String s) {
        return s.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    private static boolean isFieldValue(String s) {
        return s.chars().allMatch(c -> c == '\t' || c >= 0x20 && c != 0x7f);
    }

    /** Control bytes shown as escapes, so a reason never breaks a line. */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
