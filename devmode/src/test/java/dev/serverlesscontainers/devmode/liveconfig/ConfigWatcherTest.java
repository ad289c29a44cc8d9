package dev.serverlesscontainers.devmode.liveconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.model.load.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
            return ConfigLoad.attempt(config, () -> ConfigLoader.load(config, "dev", Map.of()), problems -> { });
        } finally {
            loads.incrementAndGet();
        }
    }

    /** The load a session starts from: not counted. */
    private ConfigLoad firstLoad() {
        ConfigLoad first = load();
        loads.set(0);
        return first;
    }

    private void awaitLoads(int count) {
        Await.until(count + " loads (made " + loads.get() + ")", SEEN, () -> loads.get() >= count);
    }

    @Test
    void anEditOfAnImportedFileIsReportedAndOneOfACommentedOutImportIsNot() throws Exception {
        try (ConfigWatcher watcher = ConfigWatcher.from(firstLoad())) {
            watcher.start(this::load);

            Files.writeString(dir.resolve("commented.yml"), "color: green\n");
            Thread.sleep(QUIET.toMillis());
            assertThat(loads).as("loads after an edit of a file nothing reads").hasValue(0);

            Files.writeString(dir.resolve("colors.yml"), "color: green\n");
            awaitLoads(1);
        }
    }

    @Test
    void anEditMadeAfterTheLoadAndBeforeTheWatchStartsIsReported() throws Exception {
        ConfigLoad first = firstLoad();
        Files.writeString(config, yaml("./colors.yml").replace("src: ./app", "src: ./app\n    environment: {SHADE: dark}"));
        try (ConfigWatcher watcher = ConfigWatcher.from(first)) {
            watcher.start(this::load);
            awaitLoads(1);
        }
    }

    @Test
    void anImportNamedByAnEditIsComparedWithWhatItHeldForThatLoad() throws Exception {
        try (ConfigWatcher watcher = ConfigWatcher.from(firstLoad())) {
            watcher.start(() -> {
                ConfigLoad load = load();
                writeQuietly(dir.resolve("other.yml"), "color: red\n");
                return load;
            });
            Files.writeString(dir.resolve("other.yml"), "color: green\n");
            Files.writeString(config, yaml("./other.yml"));
            awaitLoads(2);
        }
    }

    private static void writeQuietly(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anImportThatIsAbsentWhenTheEditNamesItIsReportedWhenItIsCreated() throws Exception {
        try (ConfigWatcher watcher = ConfigWatcher.from(firstLoad())) {
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
        try (ConfigWatcher watcher = ConfigWatcher.from(firstLoad())) {
            watcher.start(this::load);

            Files.writeString(config, yaml("./other.yml"));
            awaitLoads(1);

            Files.writeString(dir.resolve("colors.yml"), "color: red\n");
            Thread.sleep(QUIET.toMillis());
            assertThat(loads).as("loads after an edit of a file the configuration stopped reading").hasValue(1);
        }
    }
}
