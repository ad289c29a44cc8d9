package dev.serverlesscontainers.devmode.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Where a process tree listens for TCP connections, read from Linux's {@code /proc}: the socket
 * inodes each process holds open, matched against the kernel's socket tables. It turns a health
 * check that never passes into the mistake behind it: the app listens on another port than
 * {@code PORT}, or only on an interface the proxy does not connect to.
 */
final class ListeningSockets {
    private ListeningSockets() {}

    private static final Path PROC = Path.of("/proc");
    private static final String LISTEN = "0A";

    /** An address and port in the LISTEN state. */
    record Listener(String address, int port) {
        boolean reachableFromLoopback() {
            return address.equals("0.0.0.0") || address.equals("::") || address.equals("127.0.0.1")
                    || address.equals("::ffff:127.0.0.1") || address.equals("::ffff:0.0.0.0");
        }

        @Override
        public String toString() {
            return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
        }
    }

    /** What is wrong with where the tree listens, given that the proxy connects to 127.0.0.1:{@code port}. */
    static Optional<String> problem(ProcessHandle root, int port) {
        if (!Files.isDirectory(PROC)) {
            return Optional.empty();
        }
        List<Listener> listeners = listeners(root);
        if (listeners.isEmpty()) {
            return Optional.of("it is not listening on any TCP port yet");
        }
        List<Listener> onPort = listeners.stream().filter(l -> l.port() == port).toList();
        if (onPort.isEmpty()) {
            Set<Integer> ports = new TreeSet<>();
            listeners.forEach(l -> ports.add(l.port()));
            return Optional.of("it listens on port " + join(ports) + ", not on the port in its PORT environment variable (" + port
                    + "): read the port from PORT, e.g. process.env.PORT or os.environ[\"PORT\"]");
        }
        if (onPort.stream().noneMatch(Listener::reachableFromLoopback)) {
            return Optional.of("it listens on " + onPort.get(0) + " only, and scf-dev connects to 127.0.0.1:" + port
                    + ": listen on 0.0.0.0 (every interface), as an app in a container must");
        }
        return Optional.empty();
    }

    static List<Listener> listeners(ProcessHandle root) {
        Set<String> inodes = new HashSet<>();
        Stream.concat(Stream.of(root), root.descendants()).forEach(p -> inodes.addAll(socketInodes(p.pid())));
        List<Listener> out = new ArrayList<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            try {
                List<String> lines = Files.readAllLines(PROC.resolve(table));
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.strip().split("\\s+");
                    if (f.length > 9 && f[3].equals(LISTEN) && inodes.contains(f[9])) {
                        String[] local = f[1].split(":");
                        out.add(new Listener(address(local[0]), Integer.parseInt(local[1], 16)));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a table we cannot read tells us nothing
            }
        }
        return out;
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(PROC.resolve(pid + "/fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            });
        } catch (IOException e) {
            // the process is gone, or not ours
        }
        return inodes;
    }

    /** The kernel writes addresses as 32-bit words in host (little-endian) byte order. */
    static String address(String hex) {
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

    private static String join(Set<Integer> ports) {
        List<String> s = new ArrayList<>();
        ports.forEach(p -> s.add(String.valueOf(p)));
        return String.join(", ", s);
    }
}
