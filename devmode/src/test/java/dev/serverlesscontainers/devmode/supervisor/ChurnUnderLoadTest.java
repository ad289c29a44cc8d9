package dev.serverlesscontainers.devmode.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.devmode.testing.TestProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 30 s of load from 64 keep-alive connections while the app is reloaded every 3 s and killed
 * (SIGKILL) every 10 s. Reloads must cost no request. A crash may cost what it costs behind an ALB,
 * and only in the window from the kill to the first answer of the restarted instance: 502 for the
 * requests the dead instance had (ALB: the target closed or reset the connection), 503 while no
 * instance runs (ALB: the target group has no healthy target), and a connection cut when the
 * instance died in the middle of a response (ALB does the same).
 */
class ChurnUnderLoadTest {
    static final int CONNECTIONS = 64;
    static final Duration LOAD = Duration.ofSeconds(30);
    static final Duration RELOAD_EVERY = Duration.ofSeconds(3);
    static final Duration CRASH_EVERY = Duration.ofSeconds(10);
    /** How long after the restarted instance first answers a request that began before may still fail. */
    static final long SETTLE_NANOS = Duration.ofMillis(200).toNanos();

    @TempDir
    Path dir;

    /** A request that did not end in the app's 200. */
    record Failure(long startNanos, long endNanos, String what) {}

    @Test
    void reloadsLoseNoRequestAndCrashesLoseOnlyWhatTheAlbWouldLose() throws Exception {
        try (Stack s = new Stack(TestProject.in(dir).app("app", "node-app")
                .config(Stack.config("awsFargateEcs", "exec node server.js", "")).load(), o -> o)) {
            assertThat(s.fleet.startAll()).containsEntry("app", ContainerSupervisor.Outcome.HEALTHY);
            List<Failure> failures = new CopyOnWriteArrayList<>();
            Map<String, Long> firstAnswerByPid = new ConcurrentHashMap<>();
            AtomicLong answered = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                Thread t = new Thread(() -> load(s.proxy.port(), running, answered, firstAnswerByPid, failures), "load-" + c);
                t.setDaemon(true);
                t.start();
                clients.add(t);
            }
            Await.until("the load to run", Duration.ofSeconds(10), () -> answered.get() > 1000);

            long began = System.nanoTime();
            List<Long> crashes = new ArrayList<>();
            List<String> pids = new ArrayList<>();
            int reloads = 0;
            long nextReload = began + RELOAD_EVERY.toNanos();
            long nextCrash = began + CRASH_EVERY.toNanos();
            long end = began + LOAD.toNanos();
            while (System.nanoTime() < end) {
                long now = System.nanoTime();
                if (now >= nextCrash) {
                    String pid = s.supervisor("app").status().instance().orElse("");
                    if (!pid.isEmpty()) {
                        crashes.add(System.nanoTime());
                        pids.add(pid);
                        ProcessHandle.of(Long.parseLong(pid.substring(4))).ifPresent(ProcessHandle::destroyForcibly);
                    }
                    nextCrash += CRASH_EVERY.toNanos();
                } else if (now >= nextReload) {
                    reloads++;
                    Files.writeString(dir.resolve("app/version.txt"), "v" + (reloads + 1));
                    s.supervisor("app").status().instance().ifPresent(pids::add);
                    s.supervisor("app").reload("version.txt changed");
                    nextReload += RELOAD_EVERY.toNanos();
                }
                Thread.sleep(5);
            }
            running.set(false);
            for (Thread t : clients) {
                t.join(10_000);
            }

            Map<String, Long> outsideCrashes = new TreeMap<>();
            Map<String, Long> classes = new TreeMap<>();
            for (Failure f : failures) {
                if (withinACrash(f, crashes, firstAnswerByPid)) {
                    classes.merge(f.what(), 1L, Long::sum);
                } else {
                    outsideCrashes.merge(f.what(), 1L, Long::sum);
                }
            }
            String report = answered.get() + " answered, " + failures.size() + " failed over " + reloads + " reloads and "
                    + crashes.size() + " crashes; within the crash windows: " + classes + "; outside them: " + outsideCrashes;
            assertThat(outsideCrashes).as("requests failed outside the crash windows (reloads must cost none): " + report).isEmpty();
            for (String what : classes.keySet()) {
                assertThat(what).as("a failure the ALB would also have (" + report + ")")
                        .matches("502 app (closed|reset) the connection before answering|502 app stopped before answering"
                                + "|502 app refused the connection: .*"
                                + "|503 app: pid \\d+ exited with code 137 \\(killed by signal 9\\); restarting in \\d+ s"
                                + "|503 app is switching instances"
                                + "|connection cut: .*");
            }
            assertThat(crashes).as("kills at 10 s and 20 s: " + report).hasSize(2);
            assertThat(reloads).as("reloads every 3 s up to 27 s: " + report).isEqualTo(9);
            assertThat(answered.get()).as(report).isGreaterThan(10_000);
            // a reload asked for while a crashed instance waits for its restart takes the restart's place
            int lastReloads = reloads;
            Await.until("every reload to be done", Duration.ofSeconds(20), () -> s.supervisor("app").status().reloads() == lastReloads);
            assertThat(s.supervisor("app").status().status()).isEqualTo(ContainerStatus.Status.RUNNING);
            assertThat(s.text("/version")).isEqualTo("v" + (reloads + 1));
            for (String pid : pids) {
                long n = Long.parseLong(pid.substring(4));
                Await.until("replaced or killed " + pid + " to be gone", Duration.ofSeconds(10),
                        () -> ProcessHandle.of(n).map(h -> !h.isAlive()).orElse(true));
            }
            System.out.println(report);
        }
    }

    /**
     * Whether a failure ended between a kill and the first answer of an instance that first answered
     * after that kill (plus a moment, for requests that began before that answer).
     */
    private static boolean withinACrash(Failure f, List<Long> crashes, Map<String, Long> firstAnswerByPid) {
        for (long crash : crashes) {
            long recovered = firstAnswerByPid.values().stream().filter(t -> t > crash).min(Long::compare).orElse(Long.MAX_VALUE);
            if (f.endNanos() >= crash && f.startNanos() <= recovered + SETTLE_NANOS) {
                return true;
            }
        }
        return false;
    }

    /** One client: GET /pid on a keep-alive connection, again and again; a new connection when one is lost. */
    private static void load(int port, AtomicBoolean running, AtomicLong answered, Map<String, Long> firstAnswerByPid,
                             List<Failure> failures) {
        RawHttp http = null;
        while (running.get()) {
            long start = System.nanoTime();
            try {
                if (http == null) {
                    http = new RawHttp(port);
                }
                RawHttp.Response r = http.send(RawHttp.request("GET", "churn.test", "/pid"), false);
                long end = System.nanoTime();
                if (r.status() == 200) {
                    firstAnswerByPid.putIfAbsent(r.text(), end);
                    answered.incrementAndGet();
                } else {
                    failures.add(new Failure(start, end, r.status() + " " + r.header("x-scf-dev-reason")));
                }
                if ("close".equalsIgnoreCase(r.header("connection"))) {
                    http.close();
                    http = null;
                }
            } catch (IOException | RuntimeException e) {
                failures.add(new Failure(start, System.nanoTime(), "connection cut: " + e.getClass().getSimpleName()));
                close(http);
                http = null;
            }
        }
        close(http);
    }

    private static void close(RawHttp http) {
        try {
            if (http != null) {
                http.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }

}
