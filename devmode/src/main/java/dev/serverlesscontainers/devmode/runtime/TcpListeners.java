package dev.serverlesscontainers.devmode.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The listening TCP sockets in Linux's {@code /proc/net/tcp} and {@code /proc/net/tcp6} tables, and
 * what they tell about an app that does not answer where scf-dev connects: it listens on another
 * port than {@code PORT}, or on an interface that traffic does not arrive on. Each runtime reads
 * the tables its own way (the host's, or a container's).
 */
public final class TcpListeners {
    private TcpListeners() {}

    private static final String LISTEN = "0A";

    /** An address and port in the LISTEN state. */
    public record Listener(String address, int port) {
        /** Whether a connection to 127.0.0.1 on this machine reaches it. */
        public boolean reachableFromLoopback() {
            return onEveryInterface() || address.equals("127.0.0.1") || address.equals("::ffff:127.0.0.1");
        }

        /** Whether it listens on every interface, as an app in a container must, to be reached from outside it. */
        public boolean onEveryInterface() {
            return address.equals("0.0.0.0") || address.equals("::") || address.equals("::ffff:0.0.0.0");
        }

        @Override
        public String toString() {
            return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
        }
    }

    /**
     * The listeners in the lines of one or more socket tables (header lines are skipped) whose
     * socket inode {@code inode} accepts.
     */
    public static List<Listener> parse(List<String> tableLines, Predicate<String> inode) {
        List<Listener> out = new ArrayList<>();
        for (String line : tableLines) {
            String[] f = line.strip().split("\\s+");
            if (f.length > 9 && f[3].equals(LISTEN) && inode.test(f[9])) {
                try {
                    String[] local = f[1].split(":");
                    out.add(new Listener(address(local[0]), Integer.parseInt(local[1], 16)));
                } catch (RuntimeException e) {
                    // not a line of a socket table
                }
            }
        }
        return out;
    }

    /**
     * What is wrong with {@code listeners} for an app that should answer on {@code port}: nothing
     * listens, nothing on that port, or nothing there that {@code reachable} accepts (then
     * {@code unreachable} says so for the first listener on the port).
     */
    public static Optional<String> problem(List<Listener> listeners, int port, Predicate<Listener> reachable,
                                           Function<Listener, String> unreachable) {
        if (listeners.isEmpty()) {
            return Optional.of("it is not listening on any TCP port yet");
        }
        List<Listener> onPort = listeners.stream().filter(l -> l.port() == port).toList();
        if (onPort.isEmpty()) {
            Set<Integer> ports = new TreeSet<>();
            listeners.forEach(l -> ports.add(l.port()));
            return Optional.of("it listens on port " + ports.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + ", not on the port in its PORT environment variable (" + port
                    + "): read the port from PORT, e.g. process.env.PORT or os.environ[\"PORT\"]");
        }
        if (onPort.stream().noneMatch(reachable)) {
            return Optional.of(unreachable.apply(onPort.get(0)));
        }
        return Optional.empty();
    }

    /** The kernel writes addresses as 32-bit words in host (little-endian) byte order. */
    public static String address(String hex) {
        if (hex.length() == 8) {
            long v = Long.parseLong(hex, 16);
            return (v & 0xff) + "." + (v >> 8 & 0xff) + "." + (v >> 16 & 0xff) + "." + (v >> 24 & 0xff);
        }
        byte[] bytes = new byte[16];
        for (int word = 0; word < 4; word++) {
            long v = Long.parseLong(hex.substring(word * 8, word * 8 + 8), 16);
            for (int b = 0; b < 4; b++) {
                bytes[word * 4 + b] = (byte) (v >> (8 * b));
            }
        }
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= bytes[i] == 0;
        }
        if (mapped && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) {
            return "::ffff:" + (bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "." + (bytes[14] & 0xff) + "." + (bytes[15] & 0xff);
        }
        return compress(bytes);
    }

    /** RFC 5952 text: lower-case groups, the longest run of two or more zero groups as {@code ::}. */
    static String compress(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLength - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(groups[i]));
        }
        return b.toString();
    }
}
