package dev.serverlesscontainers.devmode.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.runtime.ProcessStart;
import dev.serverlesscontainers.devmode.testing.Await;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Processes left by an scf-dev that was killed are found by their label and stopped; others are left alone. */
class LeftoverProcessesTest {

    private static Process labelled(String owner) throws Exception {
        ProcessBuilder b = new ProcessBuilder("sleep", "60");
        b.environment().put(LeftoverProcesses.LABEL, owner);
        return b.start();
    }

    @Test
    @Timeout(30)
    void onlyProcessesWhoseOwnerIsGoneAreStopped() throws Exception {
        Process deadOwner = new ProcessBuilder("true").start();
        deadOwner.waitFor();
        Process orphan = labelled(deadOwner.pid() + ":" + deadOwner.info().startInstant().map(i -> i.toEpochMilli()).orElse(1L));
        Process reusedPid = labelled(ProcessHandle.current().pid() + ":1"); // this pid, another start time: a dead owner too
        Process owned = labelled(LeftoverProcesses.ownLabel());
        Process unlabelled = new ProcessBuilder("sleep", "60").start();
        try {
            Await.until("the labels to be readable", Duration.ofSeconds(5), () -> LeftoverProcesses.label(owned.pid()).isPresent());
            List<Long> reaped = LeftoverProcesses.reap();
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

    /**
     * A live scf-dev whose start another JVM reads a second off (the boot time in /proc/stat is whole
     * seconds, derived from the wall clock at each read): its processes are its own, not leftovers.
     * Compared exactly, as this class once did, they were reaped while the session ran.
     */
    @Test
    @Timeout(30)
    void aLiveOwnerWhoseStartReadsUpToASecondOffKeepsItsProcesses() throws Exception {
        long self = ProcessHandle.current().pid();
        long started = ProcessStart.of(ProcessHandle.current());
        Process aSecondLate = labelled(self + ":" + (started + ProcessStart.TOLERANCE_MILLIS));
        Process aSecondEarly = labelled(self + ":" + (started - ProcessStart.TOLERANCE_MILLIS));
        Process longBefore = labelled(self + ":" + (started - 3 * ProcessStart.TOLERANCE_MILLIS));
        try {
            Await.until("the labels to be readable", Duration.ofSeconds(5), () -> LeftoverProcesses.label(longBefore.pid()).isPresent());
            List<Long> reaped = LeftoverProcesses.reap();
            assertThat(reaped).contains(longBefore.pid()).doesNotContain(aSecondLate.pid(), aSecondEarly.pid());
            assertThat(aSecondLate.isAlive()).isTrue();
            assertThat(aSecondEarly.isAlive()).isTrue();
        } finally {
            for (Process p : List.of(aSecondLate, aSecondEarly, longBefore)) {
                p.destroyForcibly();
            }
        }
    }
}
