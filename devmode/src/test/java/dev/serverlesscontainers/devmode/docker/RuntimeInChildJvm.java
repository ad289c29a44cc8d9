package dev.serverlesscontainers.devmode.docker;

import dev.serverlesscontainers.devmode.runtime.Instance;
import dev.serverlesscontainers.devmode.runtime.InstanceSpec;
import dev.serverlesscontainers.model.load.ConfigLoader;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.image.BaseImages;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Runs a Docker runtime with one container in a JVM of its own and then waits to be killed, as an
 * {@code scf-dev} that dies by {@code kill -9} would: nothing of it gets to clean up.
 * Arguments: the project's configuration file and the containers to start. Each line on standard
 * input names a container to start once more (after a change: a rebuild). Prints
 * {@code STARTED <container id> <session> <container>} for every start.
 */
public final class RuntimeInChildJvm {
    private RuntimeInChildJvm() {}

    public static void main(String[] args) throws Exception {
        ProjectConfig project = ConfigLoader.load(Path.of(args[0]), "dev", Map.of());
        DockerEngine engine = DockerDiscovery.connect(System.getenv());
        DockerRuntime runtime = DockerRuntime.create(engine,
                new DockerSettings(BaseImages.from(System.getenv()), false, DockerSettings.newSessionId(), System.out::println));
        for (String container : Arrays.asList(args).subList(1, args.length)) {
            start(runtime, project, container);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            start(runtime, project, line.trim());
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void start(DockerRuntime runtime, ProjectConfig project, String container) throws Exception {
        Instance instance = runtime.start(new InstanceSpec(project, project.container(container).orElseThrow(), Map.of(),
                (name, id, stream, text) -> { }));
        System.out.println("STARTED " + instance.id() + " " + runtime.sessionId() + " " + container);
        System.out.flush();
    }
}
