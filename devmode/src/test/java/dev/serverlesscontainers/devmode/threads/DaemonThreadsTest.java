package dev.serverlesscontainers.devmode.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** scf-dev's own threads never keep the JVM alive and say in a thread dump what they do. */
@Timeout(10)
class DaemonThreadsTest {
    @Test
    void anExecutorsThreadsAreNamedDaemons() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(DaemonThreads.named("scf-dev-test"));
        try {
            Thread t = executor.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
            assertThat(t.isDaemon()).isTrue();
            assertThat(t.getName()).isEqualTo("scf-dev-test");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void everyLineOfAStreamIsReadOnANamedDaemonUntilItEnds() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread t = DaemonThreads.readLines("scf-dev-pump", new ByteArrayInputStream("one\ntwo ü\r\nthree".getBytes(StandardCharsets.UTF_8)),
                lines::add);

        t.join(5000);

        assertThat(t.isDaemon()).isTrue();
        assertThat(t.getName()).isEqualTo("scf-dev-pump");
        assertThat(lines).containsExactly("one", "two ü", "three");
    }

    @Test
    void forEachAtOnceRunsEveryItemAtTheSameTimeAndReturnsWhenAllAreDone() {
        List<String> done = new CopyOnWriteArrayList<>();
        CountDownLatch allStarted = new CountDownLatch(3);

        DaemonThreads.forEachAtOnce(List.of("a", "b", "c"), item -> "scf-dev-stop-" + item, item -> {
            allStarted.countDown();
            try {
                // only returns in time when the three run at once: one after another, the first would wait in vain
                if (allStarted.await(5, TimeUnit.SECONDS)) {
                    done.add(item + " on " + Thread.currentThread().getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThat(done).containsExactlyInAnyOrder("a on scf-dev-stop-a", "b on scf-dev-stop-b", "c on scf-dev-stop-c");
    }
}
