package dev.serverlesscontainers.devmode.runtime;

import java.time.Instant;
import java.util.Optional;

/**
 * When a process started, the way a later scf-dev can recognise the scf-dev that labelled a container
 * or a process: a pid alone is reused, a pid and its start time are not.
 *
 * <p>Two JVMs may see the same process start up to a second apart. On Linux the JDK takes a process's
 * start as the boot time that {@code /proc/stat} gives ({@code btime}, whole seconds) plus the clock
 * ticks in {@code /proc/PID/stat}; the kernel derives {@code btime} from the wall clock when it is read,
 * so a clock adjusted between two scf-dev runs moves it by a second. Compared exactly, a live session's
 * label then reads as a dead owner's, and its containers or processes are reaped. A pid freed and taken
 * again within one second would need tens of thousands of processes started in that second.
 */
public final class ProcessStart {
    private ProcessStart() {}

    /** How far apart two readings of one process's start may be. */
    public static final long TOLERANCE_MILLIS = 1000;

    /** The process's start, epoch milliseconds; 0 where the system does not say. */
    public static long of(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /**
     * Whether a live process is the one recorded as started at {@code recordedMillis}; a process whose
     * start the system does not say is given the benefit of the doubt.
     */
    public static boolean isSameProcess(ProcessHandle process, long recordedMillis) {
        Optional<Instant> started = process.info().startInstant();
        return started.isEmpty() || Math.abs(started.get().toEpochMilli() - recordedMillis) <= TOLERANCE_MILLIS;
    }
}
