package dev.serverlesscontainers.devmode.process;

import dev.serverlesscontainers.devmode.runtime.ContainerRuntime;
import dev.serverlesscontainers.devmode.runtime.RuntimeEnvironment;
import dev.serverlesscontainers.devmode.runtime.RuntimeProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Registers the process runtime with {@code --runtime}. */
public final class ProcessRuntimeProvider implements RuntimeProvider {

    @Override
    public String name() {
        return ProcessRuntime.NAME;
    }

    @Override
    public Availability probe(RuntimeEnvironment environment) {
        if (Executables.find("sh", environment.variables(), Path.of("/")).isEmpty()) {
            return Availability.unavailable("no sh on PATH to run start commands with");
        }
        return Availability.available("runs each container's start command on this machine");
    }

    /** Stops what an earlier scf-dev that was killed left running, then creates the runtime. */
    @Override
    public ContainerRuntime create(RuntimeEnvironment environment) {
        List<Long> reaped = LeftoverProcesses.reap();
        if (!reaped.isEmpty()) {
            environment.notices().accept("stopped " + reaped.size() + " process" + (reaped.size() == 1 ? "" : "es")
                    + " an earlier scf-dev left running (pid " + reaped.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
        }
        return new ProcessRuntime(environment.variables());
    }
}
