package dev.serverlesscontainers.devmode.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on 127.0.0.1 that misbehaves on purpose, one thread per connection: it reads the request
 * head and then does whatever the test says with the socket (close, reset, write garbage).
 */
public final class RawBackend implements AutoCloseable {
    public interface Behaviour {
        void handle(Socket socket, String requestHead) throws IOException;
    }

    private final ServerSocket server;
    private final AtomicInteger requests = new AtomicInteger();

    public RawBackend(Behaviour behaviour) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread c = new Thread(() -> {
                        try (s) {
                            String head = readHead(s.getInputStream());
                            requests.incrementAndGet();
                            behaviour.handle(s, head);
                        } catch (IOException e) {
                            // the proxy hung up: fine
                        }
                    });
                    c.setDaemon(true);
                    c.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "raw-backend");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public int requests() {
        return requests.get();
    }

    public static void write(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** Closes with a TCP RST instead of a FIN. */
    public static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            b.append((char) c);
            if (b.length() >= 4 && b.substring(b.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
