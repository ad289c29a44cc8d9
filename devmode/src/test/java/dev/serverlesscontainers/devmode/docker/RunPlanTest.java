package dev.serverlesscontainers.devmode.docker;

import static dev.serverlesscontainers.devmode.docker.TestApps.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.serverlesscontainers.devmode.runtime.StartFailure;
import dev.serverlesscontainers.model.ContainerConfig;
import dev.serverlesscontainers.model.ProjectConfig;
import dev.serverlesscontainers.model.build.BaseImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which apps run from a mounted {@code src} and which are built, and what the image is named. */
class RunPlanTest {
    @TempDir
    Path dir;

    private ContainerConfig container(String build) {
        ProjectConfig project = TestApps.loadOneContainer(dir, "My_App", build);
        return project.container("api").orElseThrow();
    }

    private RunPlan plan(String build, boolean engineSeesSrc) throws StartFailure {
        return RunPlan.of("My_App", container(build), BaseImages.DEFAULTS, engineSeesSrc);
    }

    @Test
    void nodeAndPythonAppsWithNothingToInstallRunFromTheirSourceMounted() throws Exception {
        write(dir.resolve("api/package.json"), "{\"main\": \"server.js\", \"devDependencies\": {\"jest\": \"1\"}}");
        write(dir.resolve("api/server.js"), "");
        assertThat(plan("", true)).isEqualTo(new RunPlan.MountedSource(dir.resolve("api").toRealPath(), "node:20-slim",
                BaseImages.NODE_VARIABLE, "exec node server.js", Map.of(), false));

        Files.delete(dir.resolve("api/package.json"));
        write(dir.resolve("api/main.py"), "");
        write(dir.resolve("api/requirements.txt"), "# nothing yet\n\n");
        RunPlan python = plan("", true);
        assertThat(python).isInstanceOfSatisfying(RunPlan.MountedSource.class, p -> {
            assertThat(p.image()).isEqualTo("python:3.12-slim");
            assertThat(p.command()).isEqualTo("exec python3 main.py");
            assertThat(p.environment()).containsEntry("PYTHONUNBUFFERED", "1");
        });
    }

    @Test
    void appsWithDependenciesToInstallAreBuiltFromTheGeneratedDockerfileUnlessNodeModulesAreThere() throws Exception {
        write(dir.resolve("api/package.json"), "{\"main\": \"server.js\", \"dependencies\": {\"express\": \"4\"}}");
        write(dir.resolve("api/server.js"), "");
        assertThat(plan("", true)).isInstanceOfSatisfying(RunPlan.BuiltImage.class, p -> {
            assertThat(p.generated()).isTrue();
            assertThat(p.dockerfile()).get().asString().contains("FROM node:20-slim", "npm install --omit=dev");
        });
        Files.createDirectories(dir.resolve("api/node_modules/express"));
        assertThat(plan("", true)).isInstanceOf(RunPlan.MountedSource.class);
        assertThat(plan("", false)).as("an engine on another machine cannot mount src").isInstanceOf(RunPlan.BuiltImage.class);

        Files.delete(dir.resolve("api/package.json"));
        write(dir.resolve("api/main.py"), "");
        write(dir.resolve("api/requirements.txt"), "flask==3.0\n");
        assertThat(plan("", true)).isInstanceOfSatisfying(RunPlan.BuiltImage.class,
                p -> assertThat(p.dockerfile()).get().asString().contains("pip install --no-cache-dir -r requirements.txt"));
    }

    @Test
    void onlyAMountedAppRunsItsDevScriptAndReloadsItself() throws Exception {
        write(dir.resolve("api/package.json"), "{\"main\": \"server.js\", \"scripts\": {\"dev\": \"node --watch server.js\"}}");
        write(dir.resolve("api/server.js"), "");
        assertThat(plan("", true)).isInstanceOfSatisfying(RunPlan.MountedSource.class, p -> {
            assertThat(p.command()).isEqualTo("exec npm run dev");
            assertThat(p.reloadsItself()).isTrue();
        });
        assertThat(plan("", false).reloadsItself()).as("built: runs its production command").isFalse();

        write(dir.resolve("api/package.json"), "{\"main\": \"server.js\", \"scripts\": {\"dev\": \"node --watch server.js\"},"
                + " \"dependencies\": {\"express\": \"4\"}}");
        assertThat(plan("", true)).as("dependencies to install: built, and run with its production command")
                .isInstanceOfSatisfying(RunPlan.BuiltImage.class, p -> {
                    assertThat(p.dockerfile()).get().asString().contains("CMD [\"sh\", \"-c\", \"exec node server.js\"]");
                    assertThat(p.reloadsItself()).isFalse();
                });
    }

    @Test
    void aDockerfileOrDockerFileStringIsBuiltAsGiven() throws Exception {
        write(dir.resolve("api/Dockerfile"), "FROM scratch\n");
        write(dir.resolve("api/server.js"), "");
        assertThat(plan("", true)).isInstanceOfSatisfying(RunPlan.BuiltImage.class, p -> {
            assertThat(p.dockerfile()).isEmpty();
            assertThat(p.from()).isEqualTo("./api/Dockerfile");
            assertThat(p.generated()).isFalse();
        });
        assertThat(plan("build:\n  dockerFileString: FROM busybox\n", true)).isInstanceOfSatisfying(RunPlan.BuiltImage.class, p -> {
            assertThat(p.dockerfile()).contains("FROM busybox");
            assertThat(p.from()).isEqualTo("build.dockerFileString");
        });
    }

    @Test
    void theImageNameIsAHashOfWhatTheImageIsBuiltFrom() throws Exception {
        write(dir.resolve("api/Dockerfile"), "FROM scratch\n");
        write(dir.resolve("api/server.js"), "v1");
        String first = ((RunPlan.BuiltImage) plan("", true)).imageName();
        assertThat(first).matches("scf-dev/my-app-api:[0-9a-f]{16}");
        assertThat(((RunPlan.BuiltImage) plan("", true)).imageName()).as("unchanged").isEqualTo(first);
        assertThat(((RunPlan.BuiltImage) plan("build:\n  args:\n    A: '1'\n", true)).imageName()).as("a build arg").isNotEqualTo(first);
        assertThat(((RunPlan.BuiltImage) plan("build:\n  options: [--target=dev]\n", true)).imageName()).as("the target").isNotEqualTo(first);
        write(dir.resolve("api/server.js"), "v2");
        assertThat(((RunPlan.BuiltImage) plan("", true)).imageName()).as("a file").isNotEqualTo(first);
    }

    @Test
    void anAppOfUnknownKindWithoutDockerfileIsAStartFailureThatSaysWhatToAdd() {
        write(dir.resolve("api/README.md"), "");
        assertThatThrownBy(() -> plan("", true)).isInstanceOf(StartFailure.class).hasMessage(
                "container api: ./api has no Dockerfile and scf-dev cannot tell how to start it (no package.json, requirements.txt,"
                        + " pyproject.toml, main.py, app.py, pom.xml or jar found); add a Dockerfile to it or set build.dockerFileString");
    }

    @Test
    void buildOptionsTakeWhatTheEngineApiTakesAndListTheRest() {
        BuildOptions options = BuildOptions.parse(List.of("--target", "dev", "--no-cache", "--build-arg=A=1", "--build-arg", "B=2=3",
                "--squash", "--platform=linux/amd64", "--pull", "--build-arg", "broken"));
        assertThat(options).isEqualTo(new BuildOptions(Optional.of("dev"), true, true, Optional.of("linux/amd64"),
                Map.of("A", "1", "B", "2=3"), List.of("--squash", "--build-arg broken (expected KEY=VALUE)")));
        assertThat(RunPlan.repository("My_App", "api")).isEqualTo("scf-dev/my-app-api");
        assertThat(ImageBuilder.repositoryAndTag("127.0.0.1:5000/team/node:20-slim")).containsExactly("127.0.0.1:5000/team/node", "20-slim");
        assertThat(ImageBuilder.repositoryAndTag("127.0.0.1:5000/node")).containsExactly("127.0.0.1:5000/node", "latest");
        assertThat(ImageBuilder.repositoryAndTag("node@sha256:ab")).containsExactly("node", "sha256:ab");
    }
}
