package dev.serverlesscontainers.devmode.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.Await;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Processes left by an scf-dev that was killed are found by their label and stopped; others are left alone. */
class LeftoversTest {

    private static Process labelled(String owner) throws Exception {
        ProcessBuilder b = new ProcessBuilder("sleep", "60");
        b.environment().put(Leftovers.LABEL, owner);
        return b.start();
    }

    @Test
    void onlyProcessesWhoseOwnerIsGoneAreStopped() throws Exception {
        Process deadOwner = new ProcessBuilder("true").start();
        deadOwner.waitFor();
        Process orphan = labelled(deadOwner.pid() + ":" + deadOwner.info().startInstant().map(i -> i.toEpochMilli()).orElse(1L));
        Process reusedPid = labelled(ProcessHandle.current().pid() + ":1"); // this pid, another start time: a dead owner too
        Process owned = labelled(Leftovers.ownLabel());
        Process unlabelled = new ProcessBuilder("sleep", "60").start();
        try {
            Await.until("the labels to be readable", Duration.ofSeconds(5), () -> Leftovers.label(owned.pid()).isPresent());
            List<Long> reaped = Leftovers.reap();
            assertThat(reaped).contains(orphan.pid(), reusedPid.pid()).doesNotContain(owned.pid(), unlabelled.pid());
            Await.until("the leftovers to stop", Duration.ofSeconds(5), () -> !orphan.isAlive() && !reusedPid.isAlive());
            assertThat(owned.isAlive()).isTrue();
            assertThat(unlabelled.isAlive()).isTrue();
        } finally {
            for (Process p : List.of(orphan, reusedPid, owned, unlabelled)) {
                p.destroyForcibly();
            }
        }
    }
}
