package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.devmode.testing.RecordingBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One hostile input as a client sends it, and what came of it: the answer, whether the proxy closed
 * the connection, and what the backend behind it received.
 *
 * @param name what the input is, for the report
 * @param bytes exactly what is written on a new connection
 */
record HostileInput(String name, byte[] bytes) {

    /** What the proxy did with an input. {@code status} is -1 when no answer came. */
    record Outcome(int status, String reason, boolean closed, List<RecordingBackend.Request> forwarded, List<String> malformed,
                   List<String> truncated) {
        String describe() {
            StringBuilder b = new StringBuilder(status < 0 ? "no answer" : String.valueOf(status));
            b.append(closed ? ", closed" : ", kept open");
            if (reason != null) {
                b.append(" (").append(reason).append(')');
            }
            b.append("; backend got ").append(forwarded.size()).append(" request(s)");
            for (RecordingBackend.Request r : forwarded) {
                b.append(' ').append(r.method()).append(' ').append(RecordingBackend.printable(r.target()));
            }
            if (!malformed.isEmpty()) {
                b.append(", malformed: ").append(malformed);
            }
            if (!truncated.isEmpty()) {
                b.append(", broken off: ").append(truncated);
            }
            return b.toString();
        }
    }

    /** Longer than any answer takes on a loaded machine, far shorter than the proxy's 60 s idle timeout: past it, the proxy hangs. */
    static final int ANSWER_TIMEOUT_MILLIS = 10_000;

    /** How long a fuzzed input waits for an answer before the client ends its side. */
    static final int FUZZ_GRACE_MILLIS = 100;

    /** The request a kept-open connection must still serve. */
    static final byte[] FOLLOW_UP = "GET /follow-up HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** How the proxy's connection is judged after the answer. */
    enum Then {
        /** It must still serve {@link #FOLLOW_UP} (that request is not counted in {@code forwarded}). */
        SERVES_MORE,
        /** It must be closed by the proxy. */
        IS_CLOSED,
        /**
         * For inputs of any shape: an answer is awaited briefly (an incomplete input may rightly leave
         * the proxy waiting), then the client ends its side and the proxy must close the connection.
         */
        CLOSES_AFTER_CLIENT
    }

    /** Sends the input on a new connection and reads one answer (status -1 when none came). */
    Outcome send(int port, RecordingBackend backend, Then then) throws IOException {
        backend.clear();
        int status = -1;
        String reason = null;
        boolean closed;
        try (RawHttp http = new RawHttp(port).timeout(then == Then.CLOSES_AFTER_CLIENT ? FUZZ_GRACE_MILLIS : ANSWER_TIMEOUT_MILLIS)) {
            try {
                http.write(bytes);
            } catch (SocketException e) {
                // the proxy closed before reading all of it: what it answered is still there to read
            }
            try {
                RawHttp.Response r = http.read(isHead());
                status = r.status();
                reason = r.header(Failure.REASON_HEADER);
            } catch (SocketTimeoutException e) {
                if (then != Then.CLOSES_AFTER_CLIENT) {
                    throw new AssertionError(name + ": no answer within " + ANSWER_TIMEOUT_MILLIS + " ms (the proxy hangs)");
                }
            } catch (IOException | RuntimeException e) {
                // closed before (or in the middle of) an answer, or an answer that is not HTTP
            }
            closed = switch (then) {
                case SERVES_MORE -> status < 0 || !followUpServed(http);
                case IS_CLOSED -> status < 0 || http.closedByServer(5_000);
                case CLOSES_AFTER_CLIENT -> {
                    try {
                        http.shutdownOutput();
                    } catch (IOException e) {
                        // already gone
                    }
                    yield http.drainUntilClosed(ANSWER_TIMEOUT_MILLIS);
                }
            };
        }
        List<RecordingBackend.Request> forwarded = new ArrayList<>();
        for (RecordingBackend.Request r : backend.requests()) {
            if (!r.target().equals("/follow-up")) {
                forwarded.add(r);
            }
        }
        return new Outcome(status, reason, closed, forwarded, backend.malformed(), backend.truncated());
    }

    private static boolean followUpServed(RawHttp http) {
        try {
            http.write(FOLLOW_UP);
            return http.read(false).status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean isHead() {
        return bytes.length > 5 && new String(bytes, 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ");
    }

    /** Decodes the escapes of the corpus ({@code \r \n \t \0 \\ \xHH}); every other character is itself (ISO-8859-1). */
    static byte[] unescape(String text) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                b.write(c);
                continue;
            }
            char e = text.charAt(++i);
            switch (e) {
                case 'r' -> b.write('\r');
                case 'n' -> b.write('\n');
                case 't' -> b.write('\t');
                case '0' -> b.write(0);
                case '\\' -> b.write('\\');
                case 'x' -> {
                    b.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + " in " + text);
            }
        }
        return b.toByteArray();
    }

    /** The corpus form of {@code bytes}: printable ASCII as is, everything else escaped. */
    static String escape(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            int c = x & 0xff;
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                case '|' -> b.append("\\x7c");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        b.append(String.format("\\x%02x", c));
                    } else {
                        b.append((char) c);
                    }
                }
            }
        }
        return b.toString();
    }

    static InputStream resource(String path) {
        InputStream in = HostileInput.class.getResourceAsStream(path);
        if (in == null) {
            throw new UncheckedIOException(new IOException("no test resource " + path));
        }
        return in;
    }
}
