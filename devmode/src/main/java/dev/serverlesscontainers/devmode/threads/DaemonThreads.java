package dev.serverlesscontainers.devmode.threads;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Function;

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

    /**
     * Does {@code action} to every item at once, each on a thread of its own named by {@code threadName}, and
     * returns when all are done: for stopping instances, where each may take its whole grace period. An
     * interrupt ends the wait (the interrupt stays set); the threads go on.
     */
    public static <T> void forEachAtOnce(Collection<T> items, Function<T, String> threadName, Consumer<T> action) {
        List<Thread> threads = new ArrayList<>();
        for (T item : List.copyOf(items)) {
            threads.add(start(threadName.apply(item), () -> action.accept(item)));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Thread unstarted(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }
}
