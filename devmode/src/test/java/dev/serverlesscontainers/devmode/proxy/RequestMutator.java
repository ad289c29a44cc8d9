package dev.serverlesscontainers.devmode.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Makes hostile inputs from the corpus: each is a corpus entry changed one to four times where
 * parsers disagree (framing headers, line ends, control bytes, chunk sizes, versions). The same seed
 * gives the same inputs, so a finding can be replayed.
 */
final class RequestMutator {
    /** Bytes that parsers treat differently. */
    private static final byte[] BYTES = {0, '\r', '\n', '\t', ' ', ':', ',', ';', '=', '"', '0', '-', '+', 'a', 'F', '/', 0x0b, 0x0c,
        0x7f, (byte) 0x80, (byte) 0xa0, (byte) 0xff};
    /** Pieces of HTTP that change how a request is framed or routed. */
    private static final String[] PIECES = {"\r\n", "\n", "\r", "\r\n\r\n", "\r\n ", "\r\n\t", "Transfer-Encoding: chunked\r\n",
        "Content-Length: 5\r\n", "Content-Length: 0\r\n", "Transfer-Encoding: identity\r\n", "Transfer-Encoding: chunked, chunked\r\n",
        "Transfer_Encoding: chunked\r\n", "Host: y\r\n", "Connection: close\r\n", "Connection: Upgrade\r\nUpgrade: websocket\r\n",
        "Expect: 100-continue\r\n", " chunked", "0\r\n\r\n", "5\r\nhello\r\n", "ffffffffffffffff\r\n", ";ext\r\n",
        "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "http://x", "*", "%00", "/..%2f"};

    private final Random random;
    private final List<byte[]> seeds;

    RequestMutator(long seed, List<byte[]> seeds) {
        this.random = new Random(seed);
        this.seeds = seeds;
    }

    byte[] next() {
        byte[] input = seeds.get(random.nextInt(seeds.size()));
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            input = mutate(input);
        }
        return input;
    }

    private byte[] mutate(byte[] in) {
        int at = in.length == 0 ? 0 : random.nextInt(in.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 64);
        switch (random.nextInt(6)) {
            case 0 -> { // replace a byte
                out.write(in, 0, at);
                out.write(BYTES[random.nextInt(BYTES.length)]);
                out.write(in, Math.min(at + 1, in.length), Math.max(0, in.length - at - 1));
            }
            case 1 -> { // insert a piece of HTTP
                out.write(in, 0, at);
                out.writeBytes(PIECES[random.nextInt(PIECES.length)].getBytes(StandardCharsets.ISO_8859_1));
                out.write(in, at, in.length - at);
            }
            case 2 -> { // delete a run
                int end = Math.min(in.length, at + 1 + random.nextInt(8));
                out.write(in, 0, at);
                out.write(in, end, in.length - end);
            }
            case 3 -> { // repeat a run (a header twice, a chunk twice)
                int end = Math.min(in.length, at + 1 + random.nextInt(40));
                out.write(in, 0, end);
                out.write(in, at, in.length - at);
            }
            case 4 -> { // the head of this input, the tail of another
                byte[] other = seeds.get(random.nextInt(seeds.size()));
                int from = other.length == 0 ? 0 : random.nextInt(other.length);
                out.write(in, 0, at);
                out.write(other, from, other.length - from);
            }
            default -> // cut it short
                out.write(in, 0, at);
        }
        return out.toByteArray();
    }
}
