package dev.serverlesscontainers.devmode.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A started command and everything it started: {@code npm} starts {@code sh} starts {@code node}.
 * Stopping only the direct child would leave the others running, so stopping signals the whole
 * tree: every descendant, and every process in the command's process groups (on Linux, read from
 * {@code /proc}), which also catches children that were re-parented when their parent exited.
 */
final class ProcessTree {
    private ProcessTree() {}

    private static final Path PROC = Path.of("/proc");

    /** SIGTERM to all, up to {@code grace} for them to exit, then SIGKILL to whatever is left. Returns when all are gone. */
    static void stop(ProcessHandle root, Duration grace) {
        Set<Long> groups = groups(root);
        signal(members(root, groups), false);
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && !members(root, groups).isEmpty()) {
            sleep(20);
        }
        for (int i = 0; i < 50; i++) {
            List<ProcessHandle> left = members(root, groups);
            if (left.isEmpty()) {
                return;
            }
            signal(left, true);
            sleep(20);
        }
    }

    /** The live processes of the tree. */
    static List<ProcessHandle> members(ProcessHandle root, Set<Long> groups) {
        Set<Long> seen = new HashSet<>();
        List<ProcessHandle> out = new ArrayList<>();
        Stream.concat(Stream.of(root), root.descendants()).filter(ProcessTree::running).forEach(p -> {
            if (seen.add(p.pid())) {
                out.add(p);
            }
        });
        if (!groups.isEmpty() && Files.isDirectory(PROC)) {
            for (long pid : allPids()) {
                if (!seen.contains(pid) && groupOf(pid).map(groups::contains).orElse(false)) {
                    ProcessHandle.of(pid).filter(ProcessTree::running).ifPresent(p -> {
                        seen.add(p.pid());
                        out.add(p);
                    });
                }
            }
        }
        return out;
    }

    /**
     * Alive and not a zombie. A process that exited stays in the process table until its parent
     * reaps it; orphans are reaped by PID 1, which in some containers never does. Such a process is
     * gone for every purpose but {@link ProcessHandle#isAlive()}.
     */
    static boolean running(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(PROC.resolve(p.pid() + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return Files.isDirectory(PROC) ? false : p.isAlive();
        }
    }

    /** The process groups of the root and its descendants, except scf-dev's own. */
    static Set<Long> groups(ProcessHandle root) {
        Set<Long> groups = new HashSet<>();
        Optional<Long> own = groupOf(ProcessHandle.current().pid());
        Stream.concat(Stream.of(root), root.descendants()).forEach(p -> groupOf(p.pid()).ifPresent(groups::add));
        own.ifPresent(groups::remove);
        return groups;
    }

    /** The process group of a process, from {@code /proc/PID/stat} (fields after the command name in parentheses). */
    static Optional<Long> groupOf(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[2]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<Long> allPids() {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .forEach(n -> pids.add(Long.parseLong(n)));
        } catch (IOException e) {
            // no /proc: descendants alone will do
        }
        return pids;
    }

    private static void signal(List<ProcessHandle> processes, boolean kill) {
        for (ProcessHandle p : processes) {
            if (kill) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
