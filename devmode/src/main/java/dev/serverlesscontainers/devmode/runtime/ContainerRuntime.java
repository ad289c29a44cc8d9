package dev.serverlesscontainers.devmode.runtime;

import dev.serverlesscontainers.devmode.debug.DebugNetwork;
import java.nio.file.Path;
import java.util.Set;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.ProjectConfig;

/**
 * Runs instances of containers on this machine: as host processes, or as Docker containers. The
 * supervisor decides when to start and stop instances (first start, reload, crash); a runtime only
 * knows how.
 */
public interface ContainerRuntime extends AutoCloseable {

    /** {@code process} or {@code docker}, as {@code --runtime} names it. */
    String name();

    /**
     * Starts a new instance and returns once it exists (a process or container is running); whether
     * the app is ready is for health checks to tell. Builds what it needs first (an image), so it may
     * block for a while; call it off the event loop.
     *
     * @throws StartFailure when the instance cannot be started; the message says why and what to do
     */
    Instance start(InstanceSpec spec) throws StartFailure;

    /**
     * Starts another instance of the same version as {@code sibling}, which this runtime started: a
     * Lambda container's extra execution environments run the code their pool was started with,
     * even while a reload builds the next version. Host processes run the files as they are, so by
     * default this is {@link #start}.
     *
     * @throws StartFailure as {@link #start} does
     */
    default Instance startAnother(Instance sibling, InstanceSpec spec) throws StartFailure {
        return start(spec);
    }

    /**
     * Whether this runtime starts {@code container} with a command that reloads the app by itself when
     * its files change (a {@code package.json} dev script), so that scf-dev need not watch them. False
     * whenever the instance runs anything else: a built image's production command, say.
     */
    boolean reloadsItself(ProjectConfig project, ContainerConfig container);

    /**
     * Where a Lambda Runtime API for {@code project}'s instances listens so that they, and nothing
     * else, can reach it: the loopback address for host processes. Its {@code host} is also the one
     * instances name in {@code AWS_LAMBDA_RUNTIME_API}.
     *
     * @throws StartFailure when no such address can be had
     */
    default String runtimeApiHost(ProjectConfig project) throws StartFailure {
        return "127.0.0.1";
    }

    /**
     * How the debuggers of {@code containers} ({@code --debug-port}) are reached; asked once, before any
     * instance starts. On this machine by default.
     *
     * @param helpers the folder of scf-dev's Python debugger helper on this machine
     */
    default DebugNetwork debugNetwork(Set<String> containers, Path helpers) {
        return DebugNetwork.THIS_MACHINE;
    }

    /** Stops every instance this runtime started and removes what it created for them. */
    @Override
    void close();
}
