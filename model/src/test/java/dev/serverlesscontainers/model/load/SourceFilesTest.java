package dev.serverlesscontainers.model.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.serverlesscontainers.model.config.ProjectConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files a load reads or looks for, which scf-dev watches: exactly those a change to can change the
 * configuration, found by resolving the variables rather than by searching the text.
 */
@Timeout(10)
class SourceFilesTest {
    @TempDir
    Path dir;
    private Path config;

    @BeforeEach
    void writeProject() throws Exception {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("env.yml"), "color: ${file(./nested.yml):color}\n");
        Files.writeString(dir.resolve("nested.yml"), "color: blue\n");
        Files.writeString(dir.resolve("named-by-param.yml"), "size: 512\n");
        Files.writeString(dir.resolve("commented.yml"), "x: 1\n");
        config = dir.resolve("serverless.containers.yml");
        Files.writeString(config, """
                name: tracked
                stages:
                  default:
                    params:
                      sizes: ./named-by-param.yml
                containers:
                  api:
                    src: ./app
                    routing:
                      pathPattern: /*
                      pathHealthCheck: /health
                    # environment: ${file(./commented.yml)}
                    environment:
                      COLOR: ${file(./env.yml):color}
                      SIZE: ${file(${param:sizes}):size}
                """);
    }

    @Test
    void aLoadNamesTheConfigTheEnvFilesItConsultedAndEveryImportedFileNestedOrNamedThroughAVariable() {
        ProjectConfig loaded = ConfigLoader.load(config, "dev", Map.of());

        assertThat(loaded.containers().get("api").environment()).containsEntry("COLOR", "blue").containsEntry("SIZE", "512");
        assertThat(loaded.sourceFiles()).containsExactlyInAnyOrder(
                config.toAbsolutePath(), dir.resolve(".env.dev"), dir.resolve(".env"),
                dir.resolve("env.yml"), dir.resolve("nested.yml"), dir.resolve("named-by-param.yml"));
        assertThat(loaded.sourceFiles()).doesNotContain(dir.resolve("commented.yml"));
    }

    @Test
    void aStageEnvFileStandsInsteadOfThePlainOne() throws Exception {
        Files.writeString(dir.resolve(".env.dev"), "A=1\n");

        assertThat(ConfigLoader.load(config, "dev", Map.of()).sourceFiles())
                .contains(dir.resolve(".env.dev")).doesNotContain(dir.resolve(".env"));
    }

    @Test
    void aFailedLoadNamesTheFilesItReadTooIncludingTheAbsentImportThatBrokeIt() throws Exception {
        Files.delete(dir.resolve("nested.yml"));

        ConfigException e = catchThrowableOfType(() -> ConfigLoader.load(config, "dev", Map.of()), ConfigException.class);

        assertThat(e.getMessage()).contains("no such file ./nested.yml");
        assertThat(e.sourceFiles()).contains(config.toAbsolutePath(), dir.resolve("env.yml"), dir.resolve("nested.yml"));
    }

    @Test
    void aFileThatCannotBeParsedIsStillTheFileToWatch() throws Exception {
        Files.writeString(config, "name: [unclosed\n");

        ConfigException e = catchThrowableOfType(() -> ConfigLoader.load(config, "dev", Map.of()), ConfigException.class);

        assertThat(e.sourceFiles()).contains(config.toAbsolutePath());
    }
}
