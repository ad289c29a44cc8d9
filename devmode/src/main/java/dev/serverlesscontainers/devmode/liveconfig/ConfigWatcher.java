package dev.serverlesscontainers.devmode.liveconfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches what a configuration is read from: the file, the {@code .env} and {@code .env.<stage>} beside it,
 * and the files it reads with {@code ${file(...)}}. It compares their contents (a save that writes the same
 * text is no change) by polling, which sees every way editors save (in place, or a new file renamed over
 * the old one, which a watch on the file itself loses) and files in any folder. A change is reported once
 * the files have stayed the same for one more poll, so a save written in pieces is read whole.
 */
public final class ConfigWatcher implements AutoCloseable {
    /** How often the files are read: small text files, so a change is seen in well under a second at no cost worth naming. */
    public static final Duration POLL = Duration.ofMillis(200);
    private static final Pattern FILE_VARIABLE = Pattern.compile("\\$\\{\\s*file\\(\\s*['\"]?([^'\")]+?)['\"]?\\s*\\)");

    private final Path configFile;
    private final String stage;
    private volatile Runnable onChange;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scf-dev-config-watch");
        t.setDaemon(true);
        return t;
    });
    private Map<Path, Content> reported;
    private Map<Path, Content> lastSeen;

    private ConfigWatcher(Path configFile, String stage) {
        this.configFile = configFile;
        this.stage = stage;
        this.reported = read();
        this.lastSeen = reported;
    }

    /**
     * Takes what the files hold now as the baseline, before the containers start: an edit made while they
     * start is then a change once {@link #start} is called.
     */
    public static ConfigWatcher from(Path configFile, String stage) {
        return new ConfigWatcher(configFile, stage);
    }

    /**
     * Starts watching.
     *
     * @param changed called on the watcher's own thread, one change at a time: a change made while it runs is reported after
     */
    public void start(Runnable changed) {
        onChange = changed;
        poller.scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        Map<Path, Content> now = read();
        boolean settled = now.equals(lastSeen);
        lastSeen = now;
        if (settled && !now.equals(reported)) {
            reported = now;
            try {
                onChange.run();
            } catch (RuntimeException e) {
                // the next change is still reported
            }
        }
    }

    /** The files the configuration is read from now, each with its content (absent ones too: creating one is a change). */
    Map<Path, Content> read() {
        Map<Path, Content> files = new LinkedHashMap<>();
        Content config = Content.of(configFile);
        files.put(configFile, config);
        Path dir = configFile.toAbsolutePath().normalize().getParent();
        files.put(dir.resolve(".env"), Content.of(dir.resolve(".env")));
        files.put(dir.resolve(".env." + stage), Content.of(dir.resolve(".env." + stage)));
        if (config.bytes() != null) {
            Matcher m = FILE_VARIABLE.matcher(new String(config.bytes(), java.nio.charset.StandardCharsets.UTF_8));
            while (m.find()) {
                Path imported = dir.resolve(m.group(1).trim()).normalize();
                files.putIfAbsent(imported, Content.of(imported));
            }
        }
        return files;
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
