package dev.serverlesscontainers.devmode.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What Vert.x and Netty log through java.util.logging while it is open: in scf-dev that goes to the
 * developer's terminal ({@code SEVERE: Unhandled exception} and a stack trace), so a test that
 * sends bad input asserts that nothing here carries a warning or a throwable.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");

    public LogCapture() {
        setLevel(Level.ALL);
        root.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue() || record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(trace));
            }
            problems.add(record.getLevel() + " " + record.getLoggerName() + ": " + record.getMessage() + "\n" + trace);
        }
    }

    /** Each warning or throwable logged so far, with its stack trace. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public void clear() {
        problems.clear();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
