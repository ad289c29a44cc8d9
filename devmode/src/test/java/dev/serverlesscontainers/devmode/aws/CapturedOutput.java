package dev.serverlesscontainers.devmode.aws;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Everything the code under test could print: the process's stdout and stderr (swapped for buffers),
 * java.util.logging at every level, the reporter's messages, and whatever a test adds (exception
 * messages, toString()s, log lines). {@link #leaks} searches all of it for secret values.
 */
final class CapturedOutput implements AutoCloseable {
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<String> infos = new CopyOnWriteArrayList<>();
    private final List<String> other = new CopyOnWriteArrayList<>();
    private final Logger root = LogManager.getLogManager().getLogger("");
    private final Level rootLevel = root.getLevel();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            other.add(record.getLoggerName() + " " + record.getLevel() + " " + record.getMessage()
                    + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    CapturedOutput() {
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        root.setLevel(Level.ALL);
        root.addHandler(handler);
    }

    /** A reporter that records every message, debug included, and also prints it (to the captured streams). */
    AwsReporter reporter() {
        return (severity, message) -> {
            messages.add(severity + " " + message);
            if (severity == AwsReporter.Severity.WARNING) {
                warnings.add(message);
            } else if (severity == AwsReporter.Severity.INFO) {
                infos.add(message);
            }
            System.out.println(severity + ": " + message);
        };
    }

    /** Adds text the test saw (an exception's message, a toString()) to what is searched. */
    void add(String text) {
        other.add(String.valueOf(text));
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    List<String> infos() {
        return List.copyOf(infos);
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    String all() {
        System.out.flush();
        System.err.flush();
        return stdout.toString(StandardCharsets.UTF_8) + "\n" + stderr.toString(StandardCharsets.UTF_8) + "\n"
                + String.join("\n", messages) + "\n" + String.join("\n", other);
    }

    /** The secrets among {@code values} that appear anywhere in what was captured. */
    List<String> leaks(List<String> values) {
        String all = all();
        List<String> found = new ArrayList<>();
        for (String v : values) {
            if (all.contains(v)) {
                found.add(v);
            }
        }
        return found;
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        root.removeHandler(handler);
        root.setLevel(rootLevel);
        // keep the captured text visible in the test report
        originalOut.print(all());
    }
}
