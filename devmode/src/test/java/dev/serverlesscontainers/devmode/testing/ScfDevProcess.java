package dev.serverlesscontainers.devmode.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scf-dev} as a user runs it: a JVM of its own (this build's classes), its output read as it
 * comes. Closing it kills it and whatever it started that is still a child of it.
 */
public final class ScfDevProcess implements AutoCloseable {
    /** The line that lists the api container's URL; the proxy's port is its group 1. */
    public static final Pattern API_LISTING = Pattern.compile("api \\(awsLambda\\) -> http://localhost:(\\d+)/api/");

    public final Process process;
    private final StringBuilder stdout = new StringBuilder();
    private final StringBuilder stderr = new StringBuilder();
    private final List<Thread> readers = new ArrayList<>();

    private ScfDevProcess(Process process) {
        this.process = process;
        readers.add(reader(process.getInputStream(), stdout));
        readers.add(reader(process.getErrorStream(), stderr));
    }

    /**
     * Starts {@code scf-dev ARGS} with exactly {@code environment} (when null, this JVM's), in the
     * devmode folder. SIGINT is ignored by processes started in the background of a non-interactive
     * shell, and that is inherited: it starts with SIGINT back at its default, as in a terminal.
     */
    public static ScfDevProcess start(List<String> args, Map<String, String> environment) throws IOException {
        return start(args, environment, null);
    }

    /** As {@link #start(List, Map)}, in the folder {@code dir} (null: the devmode folder). */
    public static ScfDevProcess start(List<String> args, Map<String, String> environment, Path dir) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", "-c",
                "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.serverlesscontainers.devmode.cli.ScfDev"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        if (environment != null) {
            builder.environment().clear();
            builder.environment().putAll(environment);
        }
        return new ScfDevProcess(builder.start());
    }

    private Thread reader(InputStream stream, StringBuilder into) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    synchronized (this) {
                        into.append(l).append('\n');
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // ended
            }
        }, "scf-dev-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits until stdout has a line matching {@code pattern}; returns the match. */
    public Matcher awaitStdout(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                Matcher m = pattern.matcher(stdout);
                if (m.find()) {
                    return m;
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || !process.isAlive() && readersDone()) {
                    throw new AssertionError("scf-dev printed no " + pattern + " within " + timeout.toSeconds() + " s"
                            + (process.isAlive() ? "" : " (it exited)") + "; it printed:\n" + text());
                }
                wait(Math.min(left, 200));
            }
        }
    }

    /** The proxy port, once the route listing is printed. */
    public int awaitListing(Duration timeout) throws InterruptedException {
        return Integer.parseInt(awaitStdout(API_LISTING, timeout).group(1));
    }

    private boolean readersDone() {
        return readers.stream().noneMatch(Thread::isAlive);
    }

    public synchronized String stdout() {
        return stdout.toString();
    }

    public synchronized String stderr() {
        return stderr.toString();
    }

    /** Everything it printed: stdout, then stderr. */
    public synchronized String text() {
        return stdout + (stderr.length() == 0 ? "" : "--- stderr ---\n" + stderr);
    }

    public void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor();
    }

    /** Sends {@code signal} and waits for the exit code; fails when it does not exit within {@code timeout}. */
    public int stop(String signal, Duration timeout) throws IOException, InterruptedException {
        signal(signal);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("scf-dev did not exit within " + timeout.toSeconds() + " s of SIG" + signal + "; it printed:\n" + text());
        }
        for (Thread t : readers) {
            t.join(2000);
        }
        return process.exitValue();
    }

    /** Waits for it to exit by itself and for its output to be read; fails when it does not within {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("scf-dev did not exit within " + timeout.toSeconds() + " s; it printed:\n" + text());
        }
        for (Thread t : readers) {
            t.join(2000);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        for (Thread t : readers) {
            t.join(2000);
        }
    }
}
