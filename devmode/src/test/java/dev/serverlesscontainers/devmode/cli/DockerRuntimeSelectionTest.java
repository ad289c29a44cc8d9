package dev.serverlesscontainers.devmode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.docker.DockerEngine;
import dev.serverlesscontainers.devmode.docker.TestDocker;
import dev.serverlesscontainers.devmode.runtime.RuntimeEnvironment;
import dev.serverlesscontainers.devmode.testing.TestProject;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.image.BaseImages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --runtime auto with an engine that answers: Docker when it can run the project, else process, saying why. */
class DockerRuntimeSelectionTest {
    @TempDir
    Path dir;
    private final List<String> notices = new CopyOnWriteArrayList<>();

    private ProjectConfig project() {
        return TestProject.in(dir).app("api", "node-app").app("web", "python-app").config("""
                name: selection
                containers:
                  api:
                    src: ./api
                    routing:
                      pathPattern: /api/*
                  web:
                    src: ./web
                    routing:
                      pathPattern: /*
                """).load();
    }

    @Test
    void autoTakesTheEngineThatAnswersAndSaysWhichOne() throws Exception {
        TestDocker.require();
        String engine;
        try (DockerEngine e = TestDocker.engine()) {
            engine = e.describe();
        }
        RuntimeSelection.Choice choice = RuntimeSelection.choose("auto", RuntimeSelection.registered(),
                new RuntimeEnvironment(TestDocker.environment(), project(), false, notices::add));
        assertThat(choice.provider().name()).isEqualTo("docker");
        assertThat(choice.explanation()).isEqualTo("docker (auto: Docker engine " + engine + ")");
        choice.provider().create(new RuntimeEnvironment(TestDocker.environment(), project(), false, notices::add)).close();
    }

    @Test
    void aBaseImageTheEngineCannotHaveMakesAutoTakeTheProcessRuntimeAndSayWhichVariableHelps() throws Exception {
        TestDocker.require();
        Map<String, String> env = new java.util.HashMap<>(TestDocker.environment());
        // nothing listens on port 9: the pull fails at once
        env.put(BaseImages.PYTHON_VARIABLE, "127.0.0.1:9/scf-missing/python:1");
        RuntimeSelection.Choice choice = RuntimeSelection.choose("auto", RuntimeSelection.registered(),
                new RuntimeEnvironment(env, project(), false, notices::add));
        assertThat(choice.provider().name()).isEqualTo("process");
        assertThat(choice.explanation())
                .startsWith("process (auto: docker is not available (below); process: runs each container's start command on this machine)\n"
                        + "  docker is not available: Docker engine ")
                .contains(" answers, but\n    the base image 127.0.0.1:9/scf-missing/python:1 (for web) is not on this machine and could not be pulled (")
                .endsWith(";\n    set SCF_BASE_IMAGE_PYTHON (or --base-image python=IMAGE) to an image you have, e.g. on your registry mirror");
        assertThat(notices).containsExactly("pulling the base image 127.0.0.1:9/scf-missing/python:1 (for web)");
    }
}
