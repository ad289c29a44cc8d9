package dev.serverlesscontainers.devmode.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.docker.DockerEngine;
import dev.serverlesscontainers.devmode.docker.DockerRuntime;
import dev.serverlesscontainers.devmode.docker.DockerSettings;
import dev.serverlesscontainers.devmode.docker.TestDocker;
import dev.serverlesscontainers.devmode.supervisor.ContainerSupervisor;
import dev.serverlesscontainers.devmode.testing.TestProject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Handler images built on the local base images (nothing is pulled) and run on the Docker runtime,
 * with the runtime interface client installed on this machine copied into the build context as
 * {@code fn/ric}: no registry is needed to build them.
 */
final class DockerHandlers {
    private DockerHandlers() {}

    /** The Python handler app, run by {@code awslambdaric} from {@code ric/}. */
    static String pythonDockerfile(String baseImage) {
        return """
                FROM %s
                WORKDIR /var/task
                COPY ric/ /opt/ric/
                COPY app.py version.txt ./
                ENV PYTHONPATH=/opt/ric LAMBDA_TASK_ROOT=/var/task PYTHONUNBUFFERED=1
                CMD ["python3", "-m", "awslambdaric", "app.handler"]
                """.formatted(baseImage);
    }

    /** The Node.js handler app, run by {@code aws-lambda-ric} from {@code ric/} with {@code handler} (index.handler, index.stream). */
    static String nodeDockerfile(String baseImage, String handler) {
        return """
                FROM %s
                WORKDIR /var/task
                COPY ric/ /opt/aws-lambda-ric/
                COPY index.js ./
                ENV LAMBDA_TASK_ROOT=/var/task
                CMD ["node", "/opt/aws-lambda-ric/bin/index.mjs", "%s"]
                """.formatted(baseImage, handler);
    }

    /**
     * Starts the project {@code name}'s container {@code fn} (its config from {@link HandlerStack#config}
     * with {@code awsLambda}) on the Docker runtime and waits until it is healthy.
     */
    static HandlerStack start(TestProject project, String name, String awsLambda, int maxInstances) throws Exception {
        DockerEngine engine = TestDocker.engine();
        project.config(HandlerStack.config("unused", awsLambda, "{}").replace("name: handlers", "name: " + name));
        List<String> notices = new CopyOnWriteArrayList<>();
        DockerRuntime runtime = DockerRuntime.create(engine, new DockerSettings(TestDocker.baseImages(engine), false,
                DockerSettings.newSessionId(), notices::add));
        HandlerStack s = new HandlerStack(project.load(), runtime, maxInstances);
        ContainerSupervisor.Outcome outcome = s.start("fn");
        if (outcome != ContainerSupervisor.Outcome.HEALTHY) {
            s.close();
        }
        assertThat(outcome).as(s.log() + notices).isEqualTo(ContainerSupervisor.Outcome.HEALTHY);
        return s;
    }
}
