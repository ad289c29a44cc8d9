package dev.serverlesscontainers.devmode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.serverlesscontainers.devmode.process.ProcessRuntimeProvider;
import dev.serverlesscontainers.devmode.runtime.ContainerRuntime;
import dev.serverlesscontainers.devmode.runtime.RuntimeEnvironment;
import dev.serverlesscontainers.devmode.runtime.RuntimeProvider;
import dev.serverlesscontainers.devmode.testing.TestProject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeSelectionTest {
    private final RuntimeEnvironment environment = new RuntimeEnvironment(TestProject.hostEnvironment(), null, false, notice -> { });

    /** Stands in for the Docker runtime, whose probe needs an engine: only its answer matters here. */
    private static RuntimeProvider docker(boolean available) {
        return docker(available, available ? "Docker engine 20.10.24 (API 1.41) at unix:///var/run/docker.sock (the default socket)"
                : "no Docker engine answered at unix:///var/run/docker.sock");
    }

    private static RuntimeProvider docker(boolean available, String explanation) {
        return new RuntimeProvider() {
            @Override
            public String name() {
                return "docker";
            }

            @Override
            public Availability probe(RuntimeEnvironment environment) {
                return available ? Availability.available(explanation) : Availability.unavailable(explanation);
            }

            @Override
            public ContainerRuntime create(RuntimeEnvironment environment) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void thisBuildRegistersDockerAheadOfTheProcessRuntime() {
        assertThat(RuntimeSelection.registered()).extracting(RuntimeProvider::name).containsExactly("docker", "process");
    }

    @Test
    void autoSaysWhichRuntimeItPickedAndWhy() throws Exception {
        RuntimeSelection.Choice engine = RuntimeSelection.choose("auto", List.of(new ProcessRuntimeProvider(), docker(true)), environment);
        assertThat(engine.provider().name()).isEqualTo("docker");
        assertThat(engine.explanation())
                .isEqualTo("docker (auto: Docker engine 20.10.24 (API 1.41) at unix:///var/run/docker.sock (the default socket))");

        RuntimeSelection.Choice noEngine = RuntimeSelection.choose("auto", List.of(docker(false), new ProcessRuntimeProvider()), environment);
        assertThat(noEngine.provider().name()).isEqualTo("process");
        assertThat(noEngine.explanation()).isEqualTo("process (auto: docker is not available: no Docker engine answered at "
                + "unix:///var/run/docker.sock; process: runs each container's start command on this machine)");

        RuntimeSelection.Choice alone = RuntimeSelection.choose("auto", List.of(new ProcessRuntimeProvider()), environment);
        assertThat(alone.explanation()).isEqualTo("process (auto: docker is not part of this build; "
                + "process: runs each container's start command on this machine)");
    }

    @Test
    void aDiagnosisOfSeveralLinesFollowsTheChoiceIndented() throws Exception {
        RuntimeSelection.Choice choice = RuntimeSelection.choose("auto", List.of(docker(false, "no Docker engine answers; tried:\n"
                + "  - unix:///none.sock (DOCKER_HOST): no such socket\nunset DOCKER_HOST"), new ProcessRuntimeProvider()), environment);
        assertThat(choice.explanation()).isEqualTo("""
                process (auto: docker is not available (below); process: runs each container's start command on this machine)
                  docker is not available: no Docker engine answers; tried:
                      - unix:///none.sock (DOCKER_HOST): no such socket
                    unset DOCKER_HOST""".stripTrailing());
    }

    @Test
    void aNamedRuntimeMustExistAndWork() throws Exception {
        assertThatThrownBy(() -> RuntimeSelection.choose("docker", List.of(new ProcessRuntimeProvider()), environment))
                .isInstanceOf(RuntimeSelection.Unavailable.class)
                .hasMessage("--runtime docker: this build of scf-dev has no docker runtime; use --runtime process or --runtime auto");
        assertThatThrownBy(() -> RuntimeSelection.choose("docker", List.of(docker(false)), environment))
                .hasMessage("--runtime docker: no Docker engine answered at unix:///var/run/docker.sock");
        assertThat(RuntimeSelection.choose("process", RuntimeSelection.registered(), environment).explanation())
                .isEqualTo("process (as asked: runs each container's start command on this machine)");
    }

    @Test
    void withDockerHostNamingNoEngineAutoFallsBackToProcessAndSaysWhatItTried(@TempDir Path dir) throws Exception {
        Map<String, String> env = new HashMap<>(TestProject.hostEnvironment());
        String none = "unix://" + dir.resolve("docker.sock");
        env.put("DOCKER_HOST", none);
        RuntimeSelection.Choice choice = RuntimeSelection.choose("auto", RuntimeSelection.registered(),
                new RuntimeEnvironment(env, null, false, notice -> { }));
        assertThat(choice.provider().name()).isEqualTo("process");
        assertThat(choice.explanation()).isEqualTo("""
                process (auto: docker is not available (below); process: runs each container's start command on this machine)
                  docker is not available: no Docker engine answers; tried:
                      - %s (DOCKER_HOST): no such socket
                    DOCKER_HOST is set, so no other way was tried (as with the docker command): start the engine it names, \
                or unset DOCKER_HOST to use the local engine.""".formatted(none));
    }
}
