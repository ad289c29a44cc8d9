package dev.serverlesscontainers.devmode.process;

import dev.serverlesscontainers.devmode.runtime.ContainerRuntime;
import dev.serverlesscontainers.devmode.runtime.RuntimeEnvironment;
import dev.serverlesscontainers.devmode.runtime.RuntimeProvider;
import java.nio.file.Path;

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

    @Override
    public ContainerRuntime create(RuntimeEnvironment environment) {
        return new ProcessRuntime(environment.variables());
    }
}
