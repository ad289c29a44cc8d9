package dev.serverlesscontainers.devmode.logs;

import dev.serverlesscontainers.devmode.runtime.LogSink;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Every container's log in one place: runtimes write into it (it is their {@link LogSink}), the
 * supervisor adds lifecycle lines, and the terminal printer and the control plane's log streams
 * read from it. It keeps the last lines of each container, to show when an instance crashes or
 * never becomes healthy, and to replay to a new log stream.
 */
public final class LogHub implements LogSink {
    /** Lines kept per container. */
    public static final int KEPT_LINES = 200;

    private final Clock clock;
    private final UnaryOperator<String> redactor;
    private final Map<String, Deque<LogEntry>> recent = new HashMap<>();
    private final List<Consumer<LogEntry>> subscribers = new CopyOnWriteArrayList<>();

    /**
     * @param redactor applied to every line before anyone sees it or it is kept (it masks secrets,
     *     such as temporary AWS credentials an app might print)
     */
    public LogHub(Clock clock, UnaryOperator<String> redactor) {
        this.clock = clock;
        this.redactor = redactor;
    }

    public LogHub() {
        this(Clock.systemUTC(), UnaryOperator.identity());
    }

    @Override
    public void line(String container, String instanceId, Stream stream, String text) {
        publish(new LogEntry(clock.instant(), container, instanceId,
                stream == Stream.STDERR ? LogEntry.Source.STDERR : LogEntry.Source.STDOUT, text));
    }

    /** A line scf-dev says about a container: lifecycle, failures, hints. */
    public void event(String container, String text) {
        publish(new LogEntry(clock.instant(), container, "", LogEntry.Source.SCF_DEV, text));
    }

    public void publish(LogEntry raw) {
        LogEntry entry = new LogEntry(raw.time(), raw.container(), raw.instance(), raw.source(), redactor.apply(raw.text()));
        synchronized (recent) {
            Deque<LogEntry> lines = recent.computeIfAbsent(entry.container(), c -> new ArrayDeque<>());
            lines.addLast(entry);
            while (lines.size() > KEPT_LINES) {
                lines.removeFirst();
            }
        }
        for (Consumer<LogEntry> s : subscribers) {
            s.accept(entry);
        }
    }

    /** The last {@code max} lines of a container, oldest first (every container when null). */
    public List<LogEntry> recent(String container, int max) {
        List<LogEntry> out = new ArrayList<>();
        synchronized (recent) {
            for (Map.Entry<String, Deque<LogEntry>> e : recent.entrySet()) {
                if (container == null || e.getKey().equals(container)) {
                    out.addAll(e.getValue());
                }
            }
        }
        out.sort((a, b) -> a.time().compareTo(b.time()));
        return out.subList(Math.max(0, out.size() - max), out.size());
    }

    /** The last lines the app itself printed (not scf-dev's), for failure reports. */
    public List<String> lastOutput(String container, String instance, int max) {
        List<String> out = new ArrayList<>();
        for (LogEntry e : recent(container, KEPT_LINES)) {
            if (e.source() != LogEntry.Source.SCF_DEV && e.instance().equals(instance)) {
                out.add(e.text());
            }
        }
        return out.subList(Math.max(0, out.size() - max), out.size());
    }

    /** Calls {@code subscriber} with every line from now on, from any thread, until the returned handle is run. */
    public Runnable subscribe(Consumer<LogEntry> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }
}
