package dev.serverlesscontainers.devmode.liveconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.model.load.ConfigException;
import dev.serverlesscontainers.model.load.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Which edits the watcher reports: those to a file the last load read or looked for, and no other. */
@Timeout(30)
class ConfigWatcherTest {
    private static final Duration SEEN = Duration.ofSeconds(10);
    /** Long enough for several polls, and so for a change to be reported if it were one. */
    private static final Duration QUIET = ConfigWatcher.POLL.multipliedBy(6);

    @TempDir
    Path dir;
    private Path config;
    private final AtomicInteger loads = new AtomicInteger();

    @BeforeEach
    void writeProject() throws Exception {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("colors.yml"), "color: blue\n");
        Files.writeString(dir.resolve("commented.yml"), "color: red\n");
        config = dir.resolve("serverless.containers.yml");
        Files.writeString(config, yaml("./colors.yml"));
    }

    private static String yaml(String colors) {
        return """
                name: watched
                containers:
                  web:
                    src: ./app
                    routing:
                      pathPattern: /*
                      pathHealthCheck: /health
                    # environment: ${file(./commented.yml)}
                    environment:
                      COLOR: ${file(%s):color}
                """.formatted(colors);
    }

    /** Counted when done: a test's next edit then comes after the load, as a person's does. */
    private ConfigLoad load() {
        try {
            return ConfigLoad.of(ConfigLoader.load(config, "dev", Map.of()));
        } catch (ConfigException e) {
            return new ConfigLoad(Optional.empty(), e.sourceFiles());
        } finally {
            loads.incrementAndGet();
        }
    }

    private void awaitLoads(int count) {
        Await.until(count + " loads (made " + loads.get() + ")", SEEN, () -> loads.get() >= count);
    }

    @Test
    void anEditOfAnImportedFileIsReportedAndOneOfACommentedOutImportIsNot() throws Exception {
        try (ConfigWatcher watcher = ConfigWatcher.from(ConfigLoader.load(config, "dev", Map.of()))) {
            watcher.start(this::load);

            Files.writeString(dir.resolve("commented.yml"), "color: green\n");
            Thread.sleep(QUIET.toMillis());
            assertThat(loads).as("loads after an edit of a file nothing reads").hasValue(0);

            Files.writeString(dir.resolve("colors.yml"), "color: green\n");
            awaitLoads(1);
        }
    }

    @Test
    void anImportThatIsAbsentWhenTheEditNamesItIsReportedWhenItIsCreated() throws Exception {
        try (ConfigWatcher watcher = ConfigWatcher.from(ConfigLoader.load(config, "dev", Map.of()))) {
            watcher.start(this::load);

            Files.writeString(config, yaml("./later.yml"));
            awaitLoads(1);

            Files.writeString(dir.resolve("later.yml"), "color: green\n");
            awaitLoads(2);
        }
    }

    @Test
    void aFileNoLongerImportedIsNoLongerWatched() throws Exception {
        Files.writeString(dir.resolve("other.yml"), "color: green\n");
        try (ConfigWatcher watcher = ConfigWatcher.from(ConfigLoader.load(config, "dev", Map.of()))) {
            watcher.start(this::load);

            Files.writeString(config, yaml("./other.yml"));
            awaitLoads(1);

            Files.writeString(dir.resolve("colors.yml"), "color: red\n");
            Thread.sleep(QUIET.toMillis());
            assertThat(loads).as("loads after an edit of a file the configuration stopped reading").hasValue(1);
        }
    }
}
