package dev.serverlesscontainers.devmode.threads;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * The threads scf-dev starts for itself. Every one is a daemon, so none keeps the process (or a test's JVM)
 * from exiting when what owns it was not closed, and every one is named after what it does, as a thread dump
 * shows it.
 */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** Makes the threads of an executor, each called {@code name}. */
    public static ThreadFactory named(String name) {
        return body -> unstarted(name, body);
    }

    /** Runs {@code body} on a new thread called {@code name}. */
    public static Thread start(String name, Runnable body) {
        Thread t = unstarted(name, body);
        t.start();
        return t;
    }

    /** Reads {@code stream} as UTF-8 lines, each to {@code line}, on a new thread called {@code name}, until it ends or closes. */
    public static Thread readLines(String name, InputStream stream, Consumer<String> line) {
        return start(name, () -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                    line.accept(l);
                }
            } catch (IOException e) {
                // the stream closed with whatever wrote it
            }
        });
    }

    private static Thread unstarted(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }
}
