package dev.serverlesscontainers.devmode.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.LogCapture;
import dev.serverlesscontainers.devmode.testing.RecordingBackend;
import dev.serverlesscontainers.model.config.ComputeType;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A raw-socket fuzzer over the proxy's request path: inputs made from the corpus by
 * {@link RequestMutator}, each on a new connection to the proxy in front of a strict backend, with a
 * fixed seed and a box of inputs and seconds. For every input: an answer or a close within bounded
 * time (never a hang), a connection the proxy closes once the client is done, no request reaching
 * the backend that it cannot frame, nothing logged as a warning or with a stack trace; over the run,
 * no file descriptor more in the JVM than before.
 *
 * <p>In CI it runs for a few seconds. Longer: {@code bench/hostile-http}, or
 * {@code -Dscf.fuzz.seconds=600 -Dscf.fuzz.inputs=1000000 -Dscf.fuzz.seed=N}; with
 * {@code -Dscf.fuzz.report=FILE} it writes what it tried as JSON and the findings as corpus lines.
 */
class HostileHttpFuzzTest {
    static final long SEED = Long.getLong("scf.fuzz.seed", 21);
    static final int INPUTS = Integer.getInteger("scf.fuzz.inputs", 1500);
    static final int SECONDS = Integer.getInteger("scf.fuzz.seconds", 30);

    @Test
    @Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES) // past the box: a hang the per-input timeout missed
    void noInputCrashesHangsOrLeaksAndNoneReachesTheAppUnframed() throws Exception {
        List<byte[]> seeds = DesyncCorpusTest.entries().stream().map(e -> e.input().bytes()).toList();
        RequestMutator mutator = new RequestMutator(SEED, seeds);
        List<String> findings = new ArrayList<>();
        Map<String, Integer> answers = new TreeMap<>();
        int tried = 0;
        long fdsBefore;
        long fdsAfter;
        Map<String, Integer> openAfter;
        long began = System.nanoTime();
        try (LogCapture log = new LogCapture(); RecordingBackend backend = new RecordingBackend();
             ProxyHarness h = ProxyHarness.start(ProxyHarness.table(ProxyHarness.route("web", null, "/*", ComputeType.AWS_FARGATE_ECS),
                     ProxyHarness.route("fn", null, "/fn/*", ComputeType.AWS_LAMBDA)), Map.of(), UnaryOperator.identity())) {
            h.serve("web", backend.port());
            h.serve("fn", backend.port());
            for (byte[] seed : seeds) { // a first round loads every class and opens what the JVM keeps for good
                new HostileInput("warm-up", seed).send(h.port(), backend, HostileInput.Then.CLOSES_AFTER_CLIENT);
            }
            settle();
            fdsBefore = openDescriptors();
            long deadline = began + Duration.ofSeconds(SECONDS).toNanos();
            while (tried < INPUTS && System.nanoTime() < deadline) {
                byte[] bytes = mutator.next();
                tried++;
                log.clear();
                HostileInput input = new HostileInput("fuzz #" + tried, bytes);
                String problem;
                HostileInput.Outcome outcome = null;
                try {
                    outcome = input.send(h.port(), backend, HostileInput.Then.CLOSES_AFTER_CLIENT);
                    problem = problem(outcome, log.problems());
                } catch (AssertionError e) {
                    problem = e.getMessage();
                }
                answers.merge(outcome == null || outcome.status() < 0 ? "none" : String.valueOf(outcome.status()), 1, Integer::sum);
                if (problem != null) {
                    findings.add("# seed " + SEED + ", input " + tried + ": " + problem + "\n? | fuzz finding " + tried + " | "
                            + HostileInput.escape(bytes));
                }
            }
            settle();
            fdsAfter = openDescriptors();
            // idle pooled connections to the backend (both ends are in this JVM) are closed by the pool's
            // cleaner: measured, within 30 s; a leak stays
            for (int i = 0; i < 300 && fdsAfter > fdsBefore; i++) {
                Thread.sleep(100);
                fdsAfter = openDescriptors();
            }
            openAfter = descriptorKinds();
            if (fdsAfter > fdsBefore) {
                openAfter.put("proxy port " + h.port() + ", backend port " + backend.port() + "; sockets " + tcpSockets() + "; the backend waits for " + backend.waiting(), 0);
            }
        }
        report(tried, answers, findings, fdsBefore, fdsAfter, Duration.ofNanos(System.nanoTime() - began));
        assertThat(findings).as("inputs that crashed, hung or reached the app unframed (add them to " + DesyncCorpusTest.CORPUS + ")")
                .isEmpty();
        assertThat(fdsAfter).as("open sockets, pipes and event descriptors after " + tried + " inputs (before: " + fdsBefore
                + "; now open: " + openAfter.entrySet().stream().filter(e -> !e.getKey().startsWith("/")).toList() + ")")
                .isLessThanOrEqualTo(fdsBefore);
        assertThat(tried).as("inputs tried").isGreaterThan(Math.min(INPUTS, 100));
    }

    /** What is wrong with an outcome, or null. */
    private static String problem(HostileInput.Outcome outcome, List<String> logged) {
        if (!logged.isEmpty()) {
            return "logged " + logged.get(0).lines().findFirst().orElse("");
        }
        if (!outcome.malformed().isEmpty()) {
            return "the backend got a request it cannot frame: " + outcome.malformed();
        }
        if (!outcome.closed()) {
            return "the connection stayed open after the client ended its side";
        }
        if (outcome.status() >= 400 && outcome.reason() == null && outcome.status() != 404) {
            return "a " + outcome.status() + " without " + Failure.REASON_HEADER;
        }
        return null;
    }

    private static void settle() {
        System.gc();
        Await.until("the proxy to settle", Duration.ofSeconds(5), () -> true);
    }

    /**
     * Sockets, pipes and event descriptors open in this JVM, the emulator's: what a leak would hold.
     * Files are left out: the JVM opens a jar of the class path the first time it loads a class from it.
     */
    private static long openDescriptors() {
        return descriptorKinds().entrySet().stream().filter(e -> !e.getKey().startsWith("/")).mapToLong(Map.Entry::getValue).sum();
    }

    /** Open descriptors by kind: {@code socket}, {@code pipe}, {@code anon_inode:[eventpoll]}, or a file's path. */
    private static Map<String, Integer> descriptorKinds() {
        Map<String, Integer> kinds = new TreeMap<>();
        File[] fds = new File("/proc/self/fd").listFiles();
        for (File fd : fds == null ? new File[0] : fds) {
            try {
                String target = Files.readSymbolicLink(fd.toPath()).toString();
                kinds.merge(target.startsWith("socket:") ? "socket" : target.startsWith("pipe:") ? "pipe" : target, 1, Integer::sum);
            } catch (IOException e) {
                // closed meanwhile
            }
        }
        return kinds;
    }

    /** This JVM's TCP sockets as local port -> remote port (state), from /proc/net/tcp, for the failure message. */
    private static List<String> tcpSockets() {
        java.util.Set<String> inodes = new java.util.HashSet<>();
        File[] fds = new File("/proc/self/fd").listFiles();
        for (File fd : fds == null ? new File[0] : fds) {
            try {
                String target = Files.readSymbolicLink(fd.toPath()).toString();
                if (target.startsWith("socket:[")) {
                    inodes.add(target.substring(8, target.length() - 1));
                }
            } catch (IOException e) {
                // closed meanwhile
            }
        }
        List<String> sockets = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && inodes.contains(f[9])) {
                        sockets.add(port(f[1]) + "->" + port(f[2]) + " st" + f[3]);
                    }
                }
            } catch (IOException e) {
                // no such table
            }
        }
        return sockets;
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
    }

    private static void report(int tried, Map<String, Integer> answers, List<String> findings, long fdsBefore, long fdsAfter,
                               Duration took) throws IOException {
        JsonObject summary = new JsonObject().put("seed", SEED).put("inputs", tried).put("seconds", took.toMillis() / 1000.0)
                .put("answers", new JsonObject(new TreeMap<>(answers))).put("findings", findings.size())
                .put("fdsBefore", fdsBefore).put("fdsAfter", fdsAfter);
        System.out.println("hostile-http fuzz: " + summary.encode());
        String file = System.getProperty("scf.fuzz.report");
        if (file != null) {
            Files.writeString(Path.of(file), summary.encodePrettily() + "\n", StandardCharsets.UTF_8);
            Files.writeString(Path.of(file + ".findings.txt"), String.join("\n", findings) + "\n", StandardCharsets.UTF_8);
        }
        Objects.requireNonNull(summary);
    }
}
