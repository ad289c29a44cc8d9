package dev.serverlesscontainers.devmode.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Follows a build's progress stream: remembers which step runs ({@code Step 3/5 : RUN npm ci}, as the
 * engine's builder numbers them), keeps the last lines that step printed, and the error if the
 * build fails. With {@code echo} set (debug), every line is passed on as it arrives.
 */
final class BuildLog extends ResultCallback.Adapter<BuildResponseItem> {
    /** How many of the failing step's last lines a failure carries. */
    static final int KEPT_LINES = 60;
    private static final Pattern STEP = Pattern.compile("^Step \\d+/\\d+ : .*");
    /** The builder colours what a step prints on stderr. */
    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    /** After each step the builder names the image that step produced: {@code  ---> 3f2a9c1b7d4e}. */
    private static final Pattern STEP_RESULT = Pattern.compile("^ ---> ([0-9a-f]{12,64})$");

    private final Consumer<String> echo;
    private final StringBuilder partial = new StringBuilder();
    private final Deque<String> stepOutput = new ArrayDeque<>();
    private String step;
    private String lastLayer;
    private String error;

    BuildLog(Consumer<String> echo) {
        this.echo = echo;
    }

    @Override
    public synchronized void onNext(BuildResponseItem item) {
        if (item.getStream() != null) {
            partial.append(item.getStream());
            int newline;
            while ((newline = partial.indexOf("\n")) >= 0) {
                line(partial.substring(0, newline));
                partial.delete(0, newline + 1);
            }
        }
        if (item.isErrorIndicated()) {
            flush();
            error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage()
                    : item.getError();
            echo.accept(error);
        }
    }

    @Override
    public synchronized void onComplete() {
        flush();
        super.onComplete();
    }

    private void flush() {
        if (partial.length() > 0) {
            line(partial.toString());
            partial.setLength(0);
        }
    }

    private void line(String raw) {
        String text = ANSI_ESCAPE.matcher(raw).replaceAll("").stripTrailing();
        echo.accept(text);
        var result = STEP_RESULT.matcher(text);
        if (result.matches()) {
            lastLayer = result.group(1);
        }
        if (STEP.matcher(text).matches()) {
            step = text;
            stepOutput.clear();
            return;
        }
        // the builder's own bookkeeping lines say nothing about why a step failed
        if (text.isEmpty() || text.startsWith(" ---> ") || text.startsWith("Removing intermediate container")) {
            return;
        }
        stepOutput.addLast(text);
        while (stepOutput.size() > KEPT_LINES) {
            stepOutput.removeFirst();
        }
    }

    /** The error the engine reported, if the build failed. */
    synchronized Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** The image the last completed step produced; after a failure nothing else refers to it. */
    synchronized Optional<String> lastLayer() {
        return Optional.ofNullable(lastLayer);
    }

    /** The step that ran last ({@code Step 3/5 : RUN npm ci}), if any started. */
    synchronized Optional<String> lastStep() {
        return Optional.ofNullable(step);
    }

    /** What the last step printed, at most {@link #KEPT_LINES} lines. */
    synchronized List<String> lastStepOutput() {
        return new ArrayList<>(stepOutput);
    }
}
