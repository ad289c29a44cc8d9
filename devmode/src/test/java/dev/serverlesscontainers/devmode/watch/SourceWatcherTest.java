package dev.serverlesscontainers.devmode.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.model.config.DevConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceWatcherTest {
    @TempDir
    Path root;
    private final BlockingQueue<List<Path>> changes = new LinkedBlockingQueue<>();
    private SourceWatcher watcher;

    private void watch(DevConfig dev) throws Exception {
        Files.createDirectories(root.resolve("src/lib"));
        Files.createDirectories(root.resolve("node_modules/pkg"));
        Files.createDirectories(root.resolve("generated"));
        Files.writeString(root.resolve("src/index.js"), "v1");
        watcher = SourceWatcher.start(root, WatchFilter.of(dev), Duration.ofMillis(150), changes::add);
    }

    @AfterEach
    void close() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private List<Path> next() throws InterruptedException {
        return changes.poll(5, TimeUnit.SECONDS);
    }

    private void assertQuiet() throws InterruptedException {
        assertThat(changes.poll(600, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aBurstOfChangesIsReportedOnce() throws Exception {
        watch(DevConfig.defaults());
        Files.writeString(root.resolve("src/index.js"), "v2");
        Files.writeString(root.resolve("src/lib/util.js"), "u");
        Files.writeString(root.resolve("README.md"), "r");
        assertThat(next()).containsExactlyInAnyOrder(Path.of("README.md"), Path.of("src/index.js"), Path.of("src/lib/util.js"));
        assertQuiet();
    }

    @Test
    void excludedFoldersAndEditorFilesAreIgnored() throws Exception {
        watch(new DevConfig(Optional.empty(), Optional.empty(), List.of(), List.of("generated"), Optional.empty()));
        Files.writeString(root.resolve("node_modules/pkg/index.js"), "x");
        Files.writeString(root.resolve("generated/out.js"), "x");
        Files.writeString(root.resolve("src/.index.js.swp"), "x");
        Files.writeString(root.resolve("src/index.js~"), "x");
        Files.createDirectories(root.resolve("src/__pycache__"));
        Files.writeString(root.resolve("src/__pycache__/m.pyc"), "x");
        assertQuiet();
    }

    @Test
    void onlyWatchedExtensionsCountWhenSet() throws Exception {
        watch(new DevConfig(Optional.empty(), Optional.empty(), List.of(".js"), List.of(), Optional.empty()));
        Files.writeString(root.resolve("src/notes.txt"), "x");
        assertQuiet();
        Files.writeString(root.resolve("src/index.js"), "v2");
        assertThat(next()).containsExactly(Path.of("src/index.js"));
    }

    @Test
    void aNewFolderIsWatchedToo() throws Exception {
        watch(DevConfig.defaults());
        Files.createDirectories(root.resolve("src/routes"));
        assertThat(next()).contains(Path.of("src/routes"));
        Files.writeString(root.resolve("src/routes/a.js"), "a");
        assertThat(next()).containsExactly(Path.of("src/routes/a.js"));
    }

    @Test
    void rewritingTheSameContentIsNotAChange() throws Exception {
        watch(DevConfig.defaults());
        Files.writeString(root.resolve("src/index.js"), "v1");
        assertQuiet();
        Files.delete(root.resolve("src/index.js"));
        assertThat(next()).containsExactly(Path.of("src/index.js"));
    }

    @Test
    void aFileThatCameAndWentWithinTheDebounceIsNotAChange() throws Exception {
        watch(DevConfig.defaults());
        Path temporary = root.resolve("src/sedX1y2Z3");
        Files.writeString(temporary, "x");
        Files.delete(temporary);
        assertQuiet();
    }

    @Test
    void changesAreDescribedBriefly() {
        assertThat(SourceWatcher.describe(List.of(Path.of("a.js")))).isEqualTo("a.js");
        assertThat(SourceWatcher.describe(List.of(Path.of("a"), Path.of("b"), Path.of("c"), Path.of("d"), Path.of("e"))))
                .isEqualTo("a, b, c and 2 more");
    }
}
