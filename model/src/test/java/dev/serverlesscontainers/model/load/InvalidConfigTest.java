package dev.serverlesscontainers.model.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file under {@code configs/invalid} states, in {@code # expect:} comments, exactly the errors
 * it must produce ({@code {file}} and {@code {dir}} stand for its path and folder). Nothing more may
 * be reported, and nothing may escape as anything but a {@link ConfigException}.
 */
class InvalidConfigTest {

    static Path invalidDir() {
        try {
            return Path.of(InvalidConfigTest.class.getResource("/configs/invalid/app/.keep").toURI()).getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> eachInvalidFileYieldsExactlyItsExpectedErrors() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(invalidDir())) {
            files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(30);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            List<String> expected = Files.readAllLines(file).stream()
                    .filter(l -> l.startsWith("# expect: "))
                    .map(l -> l.substring("# expect: ".length())
                            .replace("{file}", file.toString())
                            .replace("{dir}", file.getParent().toString()))
                    .toList();
            assertThat(expected).as("the file states its expected errors").isNotEmpty();
            ConfigException e = catchThrowableOfType(ConfigException.class,
                    () -> ConfigLoader.load(file, "dev", Map.of("HOME", "/root")));
            assertThat(e).as("loading must fail").isNotNull();
            assertThat(e.errors()).extracting(Problem::toString).containsExactlyInAnyOrderElementsOf(expected);
        }));
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = Path.of("no/such/serverless.containers.yml");
        assertThatThrownBy(() -> ConfigLoader.load(missing, "dev", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("no/such/serverless.containers.yml: no such file (expected a serverless.containers.yml; pass its path with --config)");
    }

    @Test
    void aFolderIsRefusedWithTheFileInsideSuggested(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("serverless.containers.yml"), "name: x\n");
        assertThatThrownBy(() -> ConfigLoader.load(dir, "dev", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir + ": is a folder; expected the path of a serverless.containers.yml file (did you mean "
                        + dir.resolve("serverless.containers.yml") + "?)");
    }

    @Test
    void aFileOverOneMebibyteIsNotRead(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("serverless.containers.yml");
        Files.writeString(big, "name: big\n# " + "x".repeat(1024 * 1024) + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(big, "dev", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(big + ": is 1048589 bytes; a config file may be at most 1048576 bytes (1 MiB)");
    }

    @Test
    void invalidUtf8IsReported(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("serverless.containers.yml");
        Files.write(file, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, (byte) 0x28});
        assertThatThrownBy(() -> ConfigLoader.load(file, "dev", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": is not valid UTF-8 text");
    }

    @Test
    void anInvalidStageIsReported(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("app"));
        Path file = dir.resolve("serverless.containers.yml");
        Files.writeString(file, "name: staged\ncontainers:\n  api:\n    src: ./app\n    routing: {pathPattern: /*}\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, "my stage", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": stage 'my stage' must be 1-16 characters of letters, digits, - and _");
    }
}
