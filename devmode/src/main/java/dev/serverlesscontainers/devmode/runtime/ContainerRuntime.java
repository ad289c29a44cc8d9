package dev.serverlesscontainers.devmode.runtime;

import dev.serverlesscontainers.model.ContainerConfig;
import dev.serverlesscontainers.model.ProjectConfig;

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
     * Whether this runtime starts {@code container} with a command that reloads the app by itself when
     * its files change (a {@code package.json} dev script), so that scf-dev need not watch them. False
     * whenever the instance runs anything else: a built image's production command, say.
     */
    boolean reloadsItself(ProjectConfig project, ContainerConfig container);

    /** Stops every instance this runtime started and removes what it created for them. */
    @Override
    void close();
}
