package dev.serverlesscontainers.devmode.docker;

import dev.serverlesscontainers.devmode.runtime.Instance;
import dev.serverlesscontainers.devmode.runtime.InstanceSpec;
import dev.serverlesscontainers.model.ConfigLoader;
import dev.serverlesscontainers.model.ProjectConfig;
import dev.serverlesscontainers.model.build.BaseImages;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs a Docker runtime with one container in a JVM of its own and then waits to be killed, as an
 * {@code scf-dev} that dies by {@code kill -9} would: nothing of it gets to clean up.
 * Arguments: the project's configuration file and the container to start.
 */
public final class RuntimeInChildJvm {
    private RuntimeInChildJvm() {}

    public static void main(String[] args) throws Exception {
        ProjectConfig project = ConfigLoader.load(Path.of(args[0]), "dev", Map.of());
        DockerEngine engine = DockerEngine.connect(System.getenv());
        DockerRuntime runtime = DockerRuntime.create(engine,
                new DockerSettings(BaseImages.from(System.getenv()), false, DockerSettings.newSessionId(), System.out::println));
        Instance instance = runtime.start(new InstanceSpec(project, project.container(args[1]).orElseThrow(), Map.of(),
                (container, id, stream, text) -> { }));
        System.out.println("STARTED " + instance.id() + " " + runtime.sessionId());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
