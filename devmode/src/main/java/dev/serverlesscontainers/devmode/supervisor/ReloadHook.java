package dev.serverlesscontainers.devmode.supervisor;

import dev.serverlesscontainers.devmode.threads.DaemonThreads;
import dev.serverlesscontainers.devmode.logs.LogHub;
import dev.serverlesscontainers.devmode.runtime.LogSink;
import dev.serverlesscontainers.model.config.ContainerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@code dev.hooks.onreload}: a shell command run in {@code src} before a reload starts the new instance. */
final class ReloadHook {
    private ReloadHook() {}

    /** Runs the hook; empty when it succeeded, else why it failed. Its output goes to the container's log. */
    static Optional<String> run(String command, ContainerConfig container, Map<String, String> hostEnvironment, LogHub logs,
                                Duration timeout) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(container.src().toFile()).redirectErrorStream(true);
        Map<String, String> env = new HashMap<>(hostEnvironment);
        env.putAll(container.environment());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return Optional.of("dev.hooks.onreload could not run: " + e.getMessage());
        }
        Thread pump = DaemonThreads.readLines("scf-dev-hook-" + container.name(), process.getInputStream(),
                line -> logs.line(container.name(), "onreload", LogSink.Stream.STDOUT, line));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return Optional.of("dev.hooks.onreload `" + command + "` did not finish within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw e;
        }
        pump.join(1000);
        int code = process.exitValue();
        return code == 0 ? Optional.empty() : Optional.of("dev.hooks.onreload `" + command + "` failed with exit code " + code);
    }
}
