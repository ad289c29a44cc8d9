package dev.serverlesscontainers.devmode.process;

import dev.serverlesscontainers.devmode.runtime.ProcessStart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds and stops processes that an earlier scf-dev started and could not stop, because it was
 * killed itself ({@code kill -9}, a crash). Every process scf-dev starts carries the label
 * {@value #LABEL}{@code =PID:START}, naming the scf-dev process that owns it; a labelled process
 * whose owner is no longer running is a leftover. Linux only (it reads {@code /proc}).
 */
final class LeftoverProcesses {
    private LeftoverProcesses() {}

    /** The environment variable that labels every process scf-dev starts. */
    static final String LABEL = "SCF_DEV_OWNER";
    private static final Path PROC = Path.of("/proc");

    /** This JVM's label value: its pid and start time, so that a reused pid is not taken for it. */
    static String ownLabel() {
        ProcessHandle self = ProcessHandle.current();
        return self.pid() + ":" + ProcessStart.of(self);
    }

    /** Kills every leftover and returns their pids. */
    static List<Long> reap() {
        List<Long> reaped = new ArrayList<>();
        if (!Files.isDirectory(PROC)) {
            return reaped;
        }
        try (Stream<Path> entries = Files.list(PROC)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                Optional<String> owner = label(pid);
                if (owner.isPresent() && !ownerRunning(owner.get())) {
                    ProcessHandle.of(pid).ifPresent(p -> {
                        if (ProcessTree.running(p)) {
                            ProcessTree.stop(p, Duration.ZERO);
                            reaped.add(pid);
                        }
                    });
                }
            }
        } catch (IOException e) {
            // nothing readable: nothing to reap
        }
        return reaped;
    }

    static Optional<String> label(long pid) {
        try {
            byte[] environ = Files.readAllBytes(PROC.resolve(pid + "/environ"));
            for (String entry : new String(environ, StandardCharsets.UTF_8).split("\0")) {
                if (entry.startsWith(LABEL + "=")) {
                    return Optional.of(entry.substring(LABEL.length() + 1));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not ours to read
        }
        return Optional.empty();
    }

    private static boolean ownerRunning(String label) {
        String[] parts = label.split(":");
        try {
            long pid = Long.parseLong(parts[0]);
            long started = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
            return ProcessHandle.of(pid).filter(ProcessTree::running)
                    .map(p -> ProcessStart.isSameProcess(p, started))
                    .orElse(false);
        } catch (NumberFormatException e) {
            return true; // not a label we wrote: leave it alone
        }
    }
}
