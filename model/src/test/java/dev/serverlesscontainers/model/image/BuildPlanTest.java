package dev.serverlesscontainers.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.model.load.ConfigLoader;
import dev.serverlesscontainers.model.config.ContainerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one reading of {@code build.options} and the one Dockerfile choice that the deploy and scf-dev both use. */
class BuildPlanTest {
    @TempDir
    Path dir;

    private ContainerConfig container(String build) throws IOException {
        Files.createDirectories(dir.resolve("api"));
        String text = "name: app\ncontainers:\n  api:\n    src: ./api\n    routing:\n      pathPattern: /*\n" + build;
        return ConfigLoader.loadText(text, "serverless.containers.yml", dir, "dev", Map.of()).container("api").orElseThrow();
    }

    @Test
    void flagsTakeTheirValueAfterAnEqualsSignOrAsTheNextOptionAndTheRestAreListedWithWhy() {
        BuildOptions options = BuildOptions.parse(List.of("--target", "dev", "--no-cache", "--build-arg=A=1", "--build-arg", "B=2=3",
                "--squash", "--platform=linux/arm64", "--pull", "--build-arg", "broken"));
        assertThat(options).isEqualTo(new BuildOptions(Optional.of("dev"), Optional.of("linux/arm64"), true, true,
                Map.of("A", "1", "B", "2=3"), List.of("--squash", "--build-arg broken (expected KEY=VALUE)")));
    }

    @Test
    void aFlagWithoutItsValueOrOnlyStartingLikeOneIsListedNotSilentlyDropped() {
        assertThat(BuildOptions.parse(List.of("--target")).unknown()).containsExactly("--target (no value)");
        assertThat(BuildOptions.parse(List.of("--platform")).unknown()).containsExactly("--platform (no value)");
        BuildOptions lookalike = BuildOptions.parse(List.of("--targets=x", "--build-arg==v"));
        assertThat(lookalike.target()).isEmpty();
        assertThat(lookalike.unknown()).containsExactly("--targets=x", "--build-arg =v (expected KEY=VALUE)");
        assertThat(BuildOptions.parse(List.of("--target=a", "--target=b")).target()).as("the last wins, as in docker build").contains("b");
    }

    @Test
    void buildArgOptionsOverrideBuildArgs() throws IOException {
        BuildPlan plan = BuildPlan.of(container("    build:\n      args: {A: from-args, C: kept}\n      options: [--build-arg=A=from-option]\n"));
        assertThat(plan.args()).containsExactly(Map.entry("A", "from-option"), Map.entry("C", "kept"));
    }

    @Test
    void theDockerfileIsTheInlineOneThenSrcDockerfileThenAGeneratedOne() throws IOException {
        Files.createDirectories(dir.resolve("api"));
        Files.writeString(dir.resolve("api/Dockerfile"), "FROM scratch\n");
        Files.writeString(dir.resolve("api/.dockerignore"), "secrets\n");
        assertThat(BuildPlan.of(container("    build:\n      dockerFileString: FROM busybox\n")).dockerfile())
                .isEqualTo(new BuildPlan.DockerfileSource.Inline("FROM busybox"));
        BuildPlan own = BuildPlan.of(container(""));
        assertThat(own.dockerfile()).isEqualTo(new BuildPlan.DockerfileSource.OwnFile(
                dir.resolve("api/Dockerfile").toRealPath(), "FROM scratch\n", "./api/Dockerfile"));
        assertThat(own.ignoreLines()).containsExactly("secrets");

        Files.delete(dir.resolve("api/Dockerfile"));
        Files.writeString(dir.resolve("api/main.py"), "");
        BuildPlan generated = BuildPlan.of(container(""));
        assertThat(generated.dockerfile()).isInstanceOfSatisfying(BuildPlan.DockerfileSource.ToGenerate.class,
                g -> assertThat(g.app().kind()).isEqualTo(AppKind.PYTHON));
        assertThat(generated.ignore().excludes("secrets")).as("the user's .dockerignore still applies").isTrue();
        assertThat(generated.ignore().excludes("lib/node_modules/x.js")).as("generated images leave these out anywhere").isTrue();
    }
}
