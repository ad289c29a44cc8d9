package dev.serverlesscontainers.devmode.liveconfig;

import dev.serverlesscontainers.devmode.threads.DaemonThreads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Watches the files a configuration is read from, as its load names them ({@link ConfigLoad#sourceFiles()}, from
 * {@code ProjectConfig.sourceFiles()}:
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
    private Map<Path, FileContent> reported;
    private Map<Path, FileContent> lastSeen;

    private ConfigWatcher(Map<Path, FileContent> baseline) {
        this.reported = baseline;
        this.lastSeen = baseline;
    }

    /**
     * Takes what {@code load}'s files held for it as the baseline: an edit made since (while the AWS roles, the
     * runtime and the containers start, say) is then a change once {@link #start} is called.
     */
    public static ConfigWatcher from(ConfigLoad load) {
        return new ConfigWatcher(load.sourceFiles());
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
        Map<Path, FileContent> now = FileContent.read(reported.keySet());
        boolean settled = now.equals(lastSeen);
        lastSeen = now;
        if (settled && !now.equals(reported)) {
            reported = now;
            try {
                follow(onChange.get(), now);
            } catch (RuntimeException e) {
                // the next change is still reported
            }
        }
    }

    /**
     * Watches {@code load}'s files from now on: those watched already keep the content the load was started for,
     * so an edit made during the load is still a change; a new one keeps what it held for the load. A load that
     * names no files (it did not reach the file) leaves the files watched as they are.
     */
    private void follow(ConfigLoad load, Map<Path, FileContent> loadedFor) {
        if (load.sourceFiles().isEmpty()) {
            return;
        }
        Map<Path, FileContent> next = new LinkedHashMap<>(load.sourceFiles());
        next.replaceAll((file, forTheLoad) -> loadedFor.getOrDefault(file, forTheLoad));
        reported = next;
        lastSeen = next;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
