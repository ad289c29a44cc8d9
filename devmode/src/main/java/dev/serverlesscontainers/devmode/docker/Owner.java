package dev.serverlesscontainers.devmode.docker;

import dev.serverlesscontainers.devmode.runtime.ProcessStart;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The process that owns what a session makes: host name, boot id, pid and start time. A pid alone
 * is not enough (pids are reused, and every boot starts them again), so a process counts as the
 * owner only when all four match.
 *
 * @param boot the kernel's boot id, empty where the system has none
 * @param startedMillis when the process started, epoch milliseconds
 */
record Owner(String host, String boot, long pid, long startedMillis) {
    static Owner current() {
        ProcessHandle self = ProcessHandle.current();
        return new Owner(hostName(), bootId(), self.pid(), ProcessStart.of(self));
    }

    Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.OWNER_HOST, host);
        labels.put(Labels.OWNER_BOOT, boot);
        labels.put(Labels.OWNER_PID, String.valueOf(pid));
        labels.put(Labels.OWNER_STARTED, String.valueOf(startedMillis));
        return labels;
    }

    /** The owner recorded in labels; empty when they do not name one completely. */
    static Optional<Owner> fromLabels(Map<String, String> labels) {
        try {
            String host = labels.get(Labels.OWNER_HOST);
            String boot = labels.get(Labels.OWNER_BOOT);
            if (host == null || boot == null) {
                return Optional.empty();
            }
            return Optional.of(new Owner(host, boot, Long.parseLong(labels.get(Labels.OWNER_PID)),
                    Long.parseLong(labels.get(Labels.OWNER_STARTED))));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether this owner, recorded on this machine, is certainly gone: the machine has rebooted
     * since, or its pid is free or now belongs to a process that started at another time. Owners on
     * other machines (an engine shared over TCP) are never judged gone.
     */
    boolean isGoneAsSeenFrom(Owner observer) {
        if (!host.equals(observer.host)) {
            return false;
        }
        if (!boot.isEmpty() && !observer.boot.isEmpty() && !boot.equals(observer.boot)) {
            return true;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        return !ProcessStart.isSameProcess(process.get(), startedMillis);
    }

    private static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException e) {
            // not Linux: ask the resolver below
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static String bootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
