package dev.serverlesscontainers.devmode.supervisor;

import dev.serverlesscontainers.devmode.runtime.Instance;
import dev.serverlesscontainers.model.config.ComputeType;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.HealthRule;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Polls a new instance's {@code pathHealthCheck} until it answers as the deployed platform would
 * count healthy, the instance exits, or time runs out.
 *
 * <p>Healthy is what the deployed platform counts healthy: {@link HealthRule}.
 */
final class HealthCheck {
    private HealthCheck() {}

    /** How long one poll may take. */
    static final int REQUEST_TIMEOUT_MS = 2000;
    /**
     * Polls come this often while an app is expected to be booting: every millisecond between the app
     * listening and the next poll is added to each reload, and a refused connection costs next to nothing.
     */
    static final long FIRST_PAUSE_MS = 10;
    /** After this long, apps that boot slowly are polled less and less often, down to every {@link #MAX_PAUSE_MS}. */
    static final Duration FAST_POLLING = Duration.ofSeconds(2);
    static final long MAX_PAUSE_MS = 250;
    /** After this long without an answer, look at where the app listens and say so. */
    static final Duration HINT_AFTER = Duration.ofSeconds(5);
    /** An app that answers, but unhealthy, for this long is shown at once, with what it answered. */
    static final Duration SHOW_UNHEALTHY_AFTER = Duration.ofSeconds(1);
    /** How much of an unhealthy answer's body is shown. */
    static final int BODY_SHOWN = 120;
    /** Refused this long, an app may be listening on a port of its own: look, and then again at this interval. */
    static final Duration PORT_LOOK_AFTER = Duration.ofMillis(100);
    static final Duration PORT_LOOK_EVERY = Duration.ofMillis(200);

    /**
     * @param handler true when the instance asked its Lambda Runtime API for an event before its
     *     health check answered: it is a handler, and its requests become invocations
     */
    record Result(boolean healthy, String detail, Duration took, boolean handler) {
        Result(boolean healthy, String detail, Duration took) {
            this(healthy, detail, took, false);
        }
    }

    static boolean healthy(ComputeType type, int status) {
        return HealthRule.healthy(type, status);
    }

    static String expected(ComputeType type) {
        return HealthRule.describe(type);
    }

    static Result await(Instance instance, ContainerConfig container, Duration timeout, Consumer<String> hint) throws InterruptedException {
        return await(instance, container, timeout, hint, notice -> { }, null);
    }

    /**
     * As {@link #await(Instance, ContainerConfig, Duration, Consumer)}, and:
     *
     * @param fixedPort told when the app turns out to listen on a port of its own ({@link Instance#followFixedPort()})
     * @param polled for an {@code awsLambda} instance, completed when its Runtime API saw its first
     *     {@code invocation/next} (else null): whichever comes first decides, the poll (a handler) or a
     *     healthy answer on {@code PORT} (an HTTP app)
     */
    static Result await(Instance instance, ContainerConfig container, Duration timeout, Consumer<String> hint, Consumer<String> fixedPort,
                        CompletableFuture<Void> polled) throws InterruptedException {
        String path = container.routing().pathHealthCheck();
        ComputeType type = container.compute().type();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        boolean hinted = false;
        String last = "nothing answered on " + address(instance);
        long pause = FIRST_PAUSE_MS;
        CompletableFuture<Integer> exited = instance.exited().toCompletableFuture();
        long nextPortLook = start + PORT_LOOK_AFTER.toNanos();
        long unhealthySince = 0;
        boolean shownUnhealthy = false;
        while (System.nanoTime() < deadline) {
            if (polled != null && polled.isDone()) {
                return new Result(true, "it asks the Lambda Runtime API for events", since(start), true);
            }
            if (exited.isDone()) {
                return new Result(false, "it exited with code " + exitCode(exited) + " before it answered GET " + path, since(start));
            }
            try {
                Answer answer = get(instance, path);
                int status = answer.status();
                if (healthy(type, status)) {
                    return new Result(true, "GET " + path + " answered " + status, since(start));
                }
                last = "GET " + path + " answered " + status + " (healthy is " + expected(type) + ")";
                unhealthySince = unhealthySince == 0 ? System.nanoTime() : unhealthySince;
                if (!shownUnhealthy && System.nanoTime() - unhealthySince > SHOW_UNHEALTHY_AFTER.toNanos()) {
                    // an app that answers, but not healthy: no need to wait out the start timeout to say so
                    shownUnhealthy = true;
                    hint.accept(last + answer.bodyStart().map(b -> ": " + b).orElse("") + "; set routing.pathHealthCheck to a path "
                            + "that answers 200 when the app is ready");
                }
                if (System.nanoTime() >= nextPortLook) {
                    nextPortLook = System.nanoTime() + PORT_LOOK_EVERY.toNanos();
                    instance.followFixedPort().ifPresent(fixedPort);
                }
            } catch (SocketException e) {
                unhealthySince = 0;
                // refused; or, through Docker's published port, accepted and closed unanswered
                // ("Unexpected end of file from server") when the app listens on 127.0.0.1 inside its container
                last = e instanceof ConnectException ? "nothing answered on " + address(instance) : "GET " + path + " failed: " + e.getMessage();
                if (e instanceof ConnectException && System.nanoTime() >= nextPortLook) {
                    // an app that ignores PORT: look where it listens, now and then (reading /proc costs more than a poll)
                    nextPortLook = System.nanoTime() + PORT_LOOK_EVERY.toNanos();
                    Optional<String> followed = instance.followFixedPort();
                    if (followed.isPresent()) {
                        fixedPort.accept(followed.get());
                        continue;
                    }
                }
                if (!hinted && System.nanoTime() - start > HINT_AFTER.toNanos()) {
                    hinted = true;
                    instance.listeningProblem().ifPresent(p -> hint.accept("not answering on PORT yet: " + p));
                }
            } catch (SocketTimeoutException e) {
                last = "GET " + path + " did not answer within " + REQUEST_TIMEOUT_MS + " ms";
            } catch (IOException e) {
                last = "GET " + path + " failed: " + e.getMessage();
            }
            Thread.sleep(pause);
            if (System.nanoTime() - start > FAST_POLLING.toNanos()) {
                pause = Math.min(pause * 2, MAX_PAUSE_MS);
            }
        }
        String detail = "it was not healthy after " + timeout.toSeconds() + " s: " + last;
        if (exited.isDone()) {
            detail = "it exited with code " + exitCode(exited) + " before it answered GET " + path;
        } else {
            detail += instance.listeningProblem().map(p -> "; " + p).orElse("");
        }
        return new Result(false, detail, since(start));
    }

    /** A health check's answer: its status, and the start of its body as text (for messages). */
    private record Answer(int status, Optional<String> bodyStart) {}

    private static Answer get(Instance instance, String path) throws IOException {
        // where the runtime says the instance answers, as the proxy reaches it too
        URL url = new URL("http", instance.address().getHostString(), instance.address().getPort(), path);
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setConnectTimeout(REQUEST_TIMEOUT_MS);
        c.setReadTimeout(REQUEST_TIMEOUT_MS);
        c.setInstanceFollowRedirects(false);
        c.setRequestProperty("Connection", "close");
        c.setRequestProperty("User-Agent", "scf-dev-health-check");
        try {
            int status = c.getResponseCode();
            byte[] bytes = new byte[0];
            try (InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                if (body != null) {
                    bytes = body.readAllBytes();
                }
            }
            String text = new String(bytes, 0, Math.min(bytes.length, BODY_SHOWN), java.nio.charset.StandardCharsets.UTF_8)
                    .replaceAll("\\s+", " ").strip();
            return new Answer(status, text.isEmpty() ? Optional.empty()
                    : Optional.of(bytes.length > BODY_SHOWN ? text + "..." : text));
        } finally {
            c.disconnect();
        }
    }

    /** What an exit code tells, beyond its number. */
    static String exitCode(CompletableFuture<Integer> exited) {
        int code = exited.getNow(-1);
        switch (code) {
            case 126: return "126 (the command is not executable)";
            case 127: return "127 (command not found: check dev.command)";
            default: return code > 128 ? code + " (killed by signal " + (code - 128) + ")" : String.valueOf(code);
        }
    }

    private static String address(Instance instance) {
        String host = instance.address().getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + instance.address().getPort();
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
