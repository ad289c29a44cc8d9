package dev.serverlesscontainers.devmode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.serverlesscontainers.devmode.process.ProcessRuntimeProvider;
import dev.serverlesscontainers.devmode.runtime.ContainerRuntime;
import dev.serverlesscontainers.devmode.runtime.RuntimeEnvironment;
import dev.serverlesscontainers.devmode.runtime.RuntimeProvider;
import dev.serverlesscontainers.devmode.testing.TestProject;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeSelectionTest {
    private final RuntimeEnvironment environment = new RuntimeEnvironment(TestProject.hostEnvironment(), null, false, notice -> { });

    /** Stands in for the Docker runtime, which lives on another branch: only its answer to the probe matters here. */
    private static RuntimeProvider docker(boolean available) {
        return new RuntimeProvider() {
            @Override
            public String name() {
                return "docker";
            }

            @Override
            public Availability probe(RuntimeEnvironment environment) {
                return available ? Availability.available("answers at unix:///var/run/docker.sock")
                        : Availability.unavailable("no Docker engine answered at unix:///var/run/docker.sock");
            }

            @Override
            public ContainerRuntime create(RuntimeEnvironment environment) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void thisBuildRegistersTheProcessRuntime() {
        assertThat(RuntimeSelection.registered()).extracting(RuntimeProvider::name).containsExactly("process");
    }

    @Test
    void autoSaysWhichRuntimeItPickedAndWhy() throws Exception {
        RuntimeSelection.Choice alone = RuntimeSelection.choose("auto", RuntimeSelection.registered(), environment);
        assertThat(alone.provider().name()).isEqualTo("process");
        assertThat(alone.explanation()).isEqualTo("process (auto: docker is not part of this build; "
                + "process runs each container's start command on this machine)");

        RuntimeSelection.Choice noEngine = RuntimeSelection.choose("auto", List.of(docker(false), new ProcessRuntimeProvider()), environment);
        assertThat(noEngine.provider().name()).isEqualTo("process");
        assertThat(noEngine.explanation()).contains("docker is not available: no Docker engine answered");

        RuntimeSelection.Choice engine = RuntimeSelection.choose("auto", List.of(new ProcessRuntimeProvider(), docker(true)), environment);
        assertThat(engine.provider().name()).isEqualTo("docker");
    }

    @Test
    void aNamedRuntimeMustExistAndWork() throws Exception {
        assertThatThrownBy(() -> RuntimeSelection.choose("docker", RuntimeSelection.registered(), environment))
                .isInstanceOf(RuntimeSelection.Unavailable.class)
                .hasMessage("--runtime docker: this build of scf-dev has no docker runtime; use --runtime process or --runtime auto");
        assertThatThrownBy(() -> RuntimeSelection.choose("docker", List.of(docker(false)), environment))
                .hasMessage("--runtime docker: no Docker engine answered at unix:///var/run/docker.sock");
        assertThat(RuntimeSelection.choose("process", RuntimeSelection.registered(), environment).explanation())
                .isEqualTo("process (as asked: runs each container's start command on this machine)");
    }
}
