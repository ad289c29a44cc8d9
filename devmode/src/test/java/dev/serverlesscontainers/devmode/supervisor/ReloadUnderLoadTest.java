package dev.serverlesscontainers.devmode.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.TestProject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core promise: while clients keep sending requests, repeated reloads replace the app without
 * a single failed request.
 */
class ReloadUnderLoadTest {
    private static final int CLIENTS = 6;
    private static final int RELOADS = 4;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"node-app, awsFargateEcs, exec node server.js", "python-app, awsLambda, exec python3 main.py"})
    void repeatedReloadsUnderConcurrentRequestsFailNoRequest(String app, String computeType, String command) throws Exception {
        try (Stack s = new Stack(TestProject.in(dir).app("app", app).config(Stack.config(computeType, command, "")).load(), o -> o)) {
            s.fleet.startAll();
            List<String> failures = new CopyOnWriteArrayList<>();
            Set<String> versions = ConcurrentHashMap.newKeySet();
            AtomicInteger answered = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String path = c % 2 == 0 ? "/version" : "/slow";
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<String> r = s.get(path);
                            if (r.statusCode() != 200) {
                                failures.add(path + " -> " + r.statusCode() + " " + r.headers().firstValue("x-scf-dev-reason").orElse(r.body()));
                            } else {
                                versions.add(r.body());
                                answered.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.add(path + " -> " + e);
                        }
                    }
                });
                t.start();
                clients.add(t);
            }
            dev.serverlesscontainers.devmode.testing.Await.until("the load to run", java.time.Duration.ofSeconds(10),
                    () -> answered.get() > 20);
            List<Long> pids = new ArrayList<>();
            pids.add(pid(s));
            for (int v = 2; v <= RELOADS + 1; v++) {
                Files.writeString(dir.resolve("app/version.txt"), "v" + v);
                s.supervisor("app").reload("version.txt changed");
                s.awaitBody("/version", "v" + v);
                pids.add(pid(s));
                Thread.sleep(400); // let the load run against the new instance before the next change
            }
            running.set(false);
            for (Thread t : clients) {
                t.join(30_000);
            }
            assertThat(failures).as("failed requests").isEmpty();
            assertThat(answered.get()).isGreaterThan(100);
            assertThat(versions).contains("v1", "v" + (RELOADS + 1));
            assertThat(s.supervisor("app").status().reloads()).isEqualTo(RELOADS);
            assertThat(pids).doesNotHaveDuplicates();
            for (long pid : pids.subList(0, pids.size() - 1)) {
                dev.serverlesscontainers.devmode.testing.Await.until("old pid " + pid + " to stop", java.time.Duration.ofSeconds(10),
                        () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
            }
        }
    }

    private static long pid(Stack s) {
        return Long.parseLong(s.supervisor("app").status().instance().orElseThrow().substring(4));
    }
}
