package dev.serverlesscontainers.devmode.liveconfig;

import dev.serverlesscontainers.devmode.threads.DaemonThreads;
import dev.serverlesscontainers.model.config.ProjectConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Watches the files a configuration is read from, as its load names them ({@link ProjectConfig#sourceFiles()}:
 * the file, the {@code .env} files, every file a {@code ${file(...)}} read, nested or named through another
 * variable). It compares their contents (a save that writes the same text is no change) by polling, which
 * sees every way editors save (in place, or a new file renamed over the old one, which a watch on the file
 * itself loses) and files in any folder. A change is reported once the files have stayed the same for one
 * more poll, so a save written in pieces is read whole; the load it leads to names the files watched next.
 */
public final class ConfigWatcher implements AutoCloseable {
    /** How often the files are read: small text files, so a change is seen in well under a second at no cost worth naming. */
    public static final Duration POLL = Duration.ofMillis(200);

    private volatile Supplier<ConfigLoad> onChange;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("scf-dev-config-watch"));
    private Map<Path, Content> reported;
    private Map<Path, Content> lastSeen;

    private ConfigWatcher(List<Path> files) {
        this.reported = read(files);
        this.lastSeen = reported;
    }

    /**
     * Takes what {@code config}'s files hold now as the baseline, before the containers start: an edit made
     * while they start is then a change once {@link #start} is called.
     */
    public static ConfigWatcher from(ProjectConfig config) {
        return new ConfigWatcher(config.sourceFiles());
    }

    /**
     * Starts watching.
     *
     * @param changed called on the watcher's own thread, one change at a time (a change made while it runs is
     *     reported after); loads the configuration again, whose files are watched from then on
     */
    public void start(Supplier<ConfigLoad> changed) {
        onChange = changed;
        poller.scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        Map<Path, Content> now = read(reported.keySet());
        boolean settled = now.equals(lastSeen);
        lastSeen = now;
        if (settled && !now.equals(reported)) {
            reported = now;
            try {
                follow(onChange.get().sourceFiles(), now);
            } catch (RuntimeException e) {
                // the next change is still reported
            }
        }
    }

    /**
     * Watches {@code files} from now on: those watched already keep the content the load was started for, so
     * an edit made during the load is still a change; a new one is compared with what it holds now (an edit of
     * it in the milliseconds between the load's reading it and this is missed until its next edit). A load
     * that names no files (it did not reach the file) leaves the files watched as they are.
     */
    private void follow(List<Path> files, Map<Path, Content> loadedFor) {
        if (files.isEmpty()) {
            return;
        }
        Map<Path, Content> next = new LinkedHashMap<>();
        for (Path file : files) {
            next.put(file, loadedFor.containsKey(file) ? loadedFor.get(file) : Content.of(file));
        }
        reported = next;
        lastSeen = next;
    }

    /** The files watched, each with its content (absent ones too: creating one is a change). */
    private static Map<Path, Content> read(Collection<Path> files) {
        Map<Path, Content> contents = new LinkedHashMap<>();
        files.forEach(file -> contents.put(file, Content.of(file)));
        return contents;
    }

    /** A file's bytes, or null when it does not exist or cannot be read. */
    record Content(byte[] bytes) {
        static Content of(Path file) {
            try {
                return new Content(Files.isRegularFile(file) ? Files.readAllBytes(file) : null);
            } catch (IOException e) {
                return new Content(null);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Content c && Arrays.equals(bytes, c.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return bytes == null ? "absent" : bytes.length + " bytes";
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
