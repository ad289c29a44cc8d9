package dev.serverlesscontainers.devmode.watch;

import dev.serverlesscontainers.devmode.threads.DaemonThreads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches a source tree on the host and reports changed files, debounced: a burst of changes (a
 * save that writes several files, a git checkout) is reported once, after it has been quiet for
 * the debounce time. A file whose content did not change (a touch, a hook rewriting the same
 * output) is not reported, so a reload hook that writes into the tree does not reload forever.
 */
public final class SourceWatcher implements AutoCloseable {
    /**
     * How long the tree must be quiet before a change is reported. An editor's save (write, or write a
     * temporary file and rename it) is over within a few milliseconds; a longer burst (a checkout, a
     * build writing into the tree) may be reported in two parts, and the supervisor folds changes that
     * arrive during a reload into one more. Every millisecond here is added to each reload (webpack's
     * default is 20 ms; at 300 ms this was most of a reload's time, see BENCHMARKS.md).
     */
    public static final Duration DEBOUNCE = Duration.ofMillis(50);
    /** Files larger than this are compared by size and modification time instead of content. */
    static final long HASHED_MAX_BYTES = 8 * 1024 * 1024;
    private static final String ABSENT = "absent";

    private final Path root;
    private final WatchFilter filter;
    private final Duration debounce;
    private final Consumer<List<Path>> onChange;
    private final WatchService service;
    private final Map<WatchKey, Path> directories = new ConcurrentHashMap<>();
    private final Map<Path, String> fingerprints = new ConcurrentHashMap<>();
    private final Set<Path> pending = new TreeSet<>();
    private final ScheduledExecutorService timer;
    private final Thread thread;
    private ScheduledFuture<?> flush;

    private SourceWatcher(Path root, WatchFilter filter, Duration debounce, Consumer<List<Path>> onChange) throws IOException {
        this.root = root;
        this.filter = filter;
        this.debounce = debounce;
        this.onChange = onChange;
        this.service = FileSystems.getDefault().newWatchService();
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("scf-dev-watch-debounce"));
        register(root);
        this.thread = DaemonThreads.start("scf-dev-watch-" + root.getFileName(), this::loop);
    }

    /**
     * @param onChange called with the changed files (relative to {@code root}), from the watcher's thread
     */
    public static SourceWatcher start(Path root, WatchFilter filter, Duration debounce, Consumer<List<Path>> onChange) throws IOException {
        return new SourceWatcher(root, filter, debounce, onChange);
    }

    private void register(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!d.equals(root) && !filter.watchesDirectory(root.relativize(d))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                directories.put(d.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE), d);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                Path relative = root.relativize(f);
                if (filter.watchesFile(relative)) {
                    fingerprints.putIfAbsent(relative, fingerprint(f));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void loop() {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            Path dir = directories.get(key);
            List<Path> changed = new ArrayList<>();
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW || dir == null) {
                    changed.add(Path.of(""));
                    continue;
                }
                Path child = dir.resolve((Path) event.context());
                Path relative = root.relativize(child);
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child)) {
                    if (filter.watchesDirectory(relative)) {
                        try {
                            register(child);
                            changed.add(relative);
                        } catch (IOException e) {
                            // vanished already
                        }
                    }
                } else if (filter.watchesFile(relative)) {
                    changed.add(relative);
                }
            }
            if (!key.reset()) {
                directories.remove(key);
            }
            if (!changed.isEmpty()) {
                schedule(changed);
            }
        }
    }

    private synchronized void schedule(List<Path> changed) {
        pending.addAll(changed);
        if (flush != null) {
            flush.cancel(false);
        }
        flush = timer.schedule(this::flush, debounce.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void flush() {
        List<Path> batch;
        synchronized (this) {
            batch = new ArrayList<>(pending);
            pending.clear();
        }
        List<Path> real = new ArrayList<>();
        for (Path relative : batch) {
            Path file = root.resolve(relative.toString());
            if (Files.isDirectory(file)) {
                real.add(relative);
                continue;
            }
            String now = fingerprint(file);
            String before = fingerprints.put(relative, now);
            boolean cameAndWent = before == null && now.equals(ABSENT); // an editor's or sed's temporary file
            if (!now.equals(before) && !cameAndWent) {
                real.add(relative);
            }
        }
        if (!real.isEmpty()) {
            onChange.accept(real);
        }
    }

    /** Content hash, or size and time for big files, or "absent". */
    static String fingerprint(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return ABSENT;
            }
            long size = Files.size(file);
            if (size > HASHED_MAX_BYTES) {
                return size + "@" + Files.getLastModifiedTime(file).toMillis();
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            return "unreadable";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // closing anyway
        }
        thread.interrupt();
        timer.shutdownNow();
    }

    /** For messages: "a.js, b.js and 3 more". */
    public static String describe(List<Path> changed) {
        List<String> names = new ArrayList<>();
        for (Path p : changed) {
            names.add(p.toString().isEmpty() ? "(many files)" : p.toString());
        }
        if (names.size() <= 3) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
    }

}
