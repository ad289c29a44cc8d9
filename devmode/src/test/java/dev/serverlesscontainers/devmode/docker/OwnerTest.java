package dev.serverlesscontainers.devmode.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the process that made a container is certainly gone, and when it may not be. */
class OwnerTest {
    private final Owner self = Owner.current();

    @Test
    void aRunningProcessIsNotGoneButOneThatEndedIs() throws Exception {
        assertThat(self.isGoneAsSeenFrom(self)).isFalse();
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Owner dead = new Owner(self.host(), self.boot(), ended.pid(), ended.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L));
        assertThat(dead.isGoneAsSeenFrom(self)).isTrue();
    }

    @Test
    void aReusedPidOrAnotherBootMeansGoneAndAnotherHostIsNeverJudged() {
        Owner reusedPid = new Owner(self.host(), self.boot(), self.pid(), self.startedMillis() - 60_000);
        assertThat(reusedPid.isGoneAsSeenFrom(self)).isTrue();
        // the same rule as for processes (LeftoverProcessesTest): a start read a second off is the same owner
        Owner readASecondOff = new Owner(self.host(), self.boot(), self.pid(), self.startedMillis() + 1000);
        assertThat(readASecondOff.isGoneAsSeenFrom(self)).isFalse();
        Owner beforeReboot = new Owner(self.host(), "another-boot", self.pid(), self.startedMillis());
        assertThat(beforeReboot.isGoneAsSeenFrom(self)).isEqualTo(!self.boot().isEmpty());
        Owner elsewhere = new Owner("another-host", self.boot(), 999_999_999L, 0);
        assertThat(elsewhere.isGoneAsSeenFrom(self)).isFalse();
    }

    @Test
    void theOwnerTravelsInLabels() {
        assertThat(Owner.fromLabels(self.labels())).contains(self);
        assertThat(Owner.fromLabels(Map.of(Labels.OWNER_HOST, "h"))).isEmpty();
        assertThat(Owner.fromLabels(Map.of(Labels.OWNER_HOST, "h", Labels.OWNER_BOOT, "b", Labels.OWNER_PID, "x", Labels.OWNER_STARTED, "1"))).isEmpty();
    }
}
