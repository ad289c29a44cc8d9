package dev.serverlesscontainers.devmode.lambda;

import dev.serverlesscontainers.devmode.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * A response as the bytes a client reads until the proxy closes the connection: the only way to
 * see whether a chunked response ended with its last chunk or was cut off, which HTTP clients turn
 * into an exception that hides what came before it.
 *
 * @param head the status line and headers
 * @param body the chunked body as sent, chunk sizes included
 */
record WireResponse(String head, String body) {

    /** GETs {@code target} with {@code Connection: close}, so that the proxy closes the connection after a whole response too. */
    static WireResponse get(int port, String target) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try (RawHttp http = new RawHttp(port)) {
            http.write(RawHttp.request("GET", "localhost", target, "Connection: close").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = http.input();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    read.write(buffer, 0, n);
                }
            } catch (SocketException reset) {
                // a reset ends the response as a close does; what came before it stays read
            }
        }
        String text = read.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        return end < 0 ? new WireResponse(text, "") : new WireResponse(text.substring(0, end), text.substring(end + 4));
    }

    /** Whether the body ended with the last (empty) chunk: a client reads it as whole. */
    boolean ended() {
        return body.endsWith("0\r\n\r\n");
    }
}
