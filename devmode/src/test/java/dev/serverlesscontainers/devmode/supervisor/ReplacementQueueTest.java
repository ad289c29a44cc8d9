package dev.serverlesscontainers.devmode.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.supervisor.ReplacementQueue.Kind;
import dev.serverlesscontainers.devmode.supervisor.ReplacementQueue.Reason;
import dev.serverlesscontainers.devmode.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Changes that arrive while a replacement runs: one replacement more, from the newest configuration. */
@Timeout(10)
class ReplacementQueueTest {
    private record Ran(Reason reason, Optional<String> configuration) {}

    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final CountDownLatch firstMayFinish = new CountDownLatch(1);
    private final CountDownLatch firstRunning = new CountDownLatch(1);
    private final List<Ran> ran = new CopyOnWriteArrayList<>();
    private ReplacementQueue<String> queue;

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    private void replace(Reason reason) {
        ran.add(new Ran(reason, queue.takeConfiguration()));
        if (ran.size() == 1) {
            firstRunning.countDown();
            try {
                firstMayFinish.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aBurstOfChangesDuringAReplacementLeadsToOneMoreReplacementFromTheLastConfiguration() throws Exception {
        queue = new ReplacementQueue<>(thread, this::replace);
        assertThat(queue.add(new Reason(Kind.RELOAD, "changed: a.js"))).isTrue();
        assertThat(firstRunning.await(5, TimeUnit.SECONDS)).isTrue();

        boolean[] joined = {
            queue.add(new Reason(Kind.RELOAD, "config: environment"), "first edit"),
            queue.add(new Reason(Kind.RELOAD, "changed: b.js")),
            queue.add(new Reason(Kind.RELOAD, "config: environment"), "second edit"),
            queue.add(new Reason(Kind.RECOVER, "retrying after a failed start")),
        };
        firstMayFinish.countDown();
        Await.until("two replacements", Duration.ofSeconds(5), () -> ran.size() == 2);
        Thread.sleep(200);

        assertThat(joined).as("only the first change of the burst queued a replacement").containsExactly(true, false, false, false);
        assertThat(ran).hasSize(2);
        assertThat(ran.get(1).configuration()).as("the configuration the second replacement starts from").contains("second edit");
        assertThat(ran.get(1).reason().kind()).isEqualTo(Kind.RELOAD);
    }

    @Test
    void aWaitingRecoveryBecomesTheWeightierReloadThatJoinsIt() throws Exception {
        queue = new ReplacementQueue<>(thread, this::replace);
        queue.add(new Reason(Kind.START, "start"));
        assertThat(firstRunning.await(5, TimeUnit.SECONDS)).isTrue();

        queue.add(new Reason(Kind.RECOVER, "restart after a crash"));
        queue.add(new Reason(Kind.REFRESH, "its AWS credentials were renewed"));
        queue.add(new Reason(Kind.RELOAD, "changed: app.py"));
        firstMayFinish.countDown();
        Await.until("two replacements", Duration.ofSeconds(5), () -> ran.size() == 2);

        assertThat(ran.get(1).reason()).as("a reload runs the reload hook; a recovery would not")
                .isEqualTo(new Reason(Kind.RELOAD, "changed: app.py"));
        assertThat(ran.get(1).configuration()).as("no configuration was given").isEmpty();
    }
}
