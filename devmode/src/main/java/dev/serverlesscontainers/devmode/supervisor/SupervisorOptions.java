package dev.serverlesscontainers.devmode.supervisor;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * How the supervisor waits and retries.
 *
 * @param startTimeout how long a new instance may take to pass its health check
 * @param drainTimeout how long an old instance may finish its requests after traffic moved on
 * @param stopGrace how long an instance may take to exit after SIGTERM before it is killed
 * @param firstRetry the delay before restarting a crashed instance; it doubles with each crash in a row
 * @param maxRetry the longest delay between restarts
 * @param hostEnvironment the environment {@code dev.hooks.onreload} runs with
 * @param debug whether to report each step (health polls, stops)
 * @param extraEnvironment a container's variables beyond its own (temporary AWS credentials), asked
 *     for each new instance, so that an instance started later gets values renewed meanwhile
 * @param lambdaMaxInstances the most execution environments a handler container runs at once
 * @param region the region Lambda containers are told they run in ({@code AWS_REGION})
 */
public record SupervisorOptions(Duration startTimeout, Duration drainTimeout, Duration stopGrace, Duration firstRetry,
                                Duration maxRetry, Map<String, String> hostEnvironment, boolean debug,
                                Function<String, Map<String, String>> extraEnvironment, int lambdaMaxInstances, String region) {
    /** Enough to show scaling out on a laptop without starting a process per request of a load test. */
    public static final int LAMBDA_MAX_INSTANCES = 10;
    /** In whole seconds, as {@code --start-timeout} takes it. */
    public static final int START_TIMEOUT_SECONDS = 60;
    public static final Duration START_TIMEOUT = Duration.ofSeconds(START_TIMEOUT_SECONDS);
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration STOP_GRACE = Duration.ofSeconds(3);
    public static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    public static final Duration MAX_RETRY = Duration.ofSeconds(30);

    public SupervisorOptions {
        hostEnvironment = Map.copyOf(hostEnvironment);
    }

    public static SupervisorOptions defaults(Map<String, String> hostEnvironment) {
        return new SupervisorOptions(START_TIMEOUT, DRAIN_TIMEOUT, STOP_GRACE, FIRST_RETRY, MAX_RETRY, hostEnvironment, false,
                container -> Map.of(), LAMBDA_MAX_INSTANCES, dev.serverlesscontainers.devmode.proxy.LambdaFunction.DEFAULT_REGION);
    }

    public SupervisorOptions withStartTimeout(Duration d) {
        return new SupervisorOptions(d, drainTimeout, stopGrace, firstRetry, maxRetry, hostEnvironment, debug, extraEnvironment, lambdaMaxInstances, region);
    }

    public SupervisorOptions withDebug(boolean on) {
        return new SupervisorOptions(startTimeout, drainTimeout, stopGrace, firstRetry, maxRetry, hostEnvironment, on, extraEnvironment, lambdaMaxInstances, region);
    }

    public SupervisorOptions withExtraEnvironment(Function<String, Map<String, String>> f) {
        return new SupervisorOptions(startTimeout, drainTimeout, stopGrace, firstRetry, maxRetry, hostEnvironment, debug, f, lambdaMaxInstances, region);
    }

    /** With at most {@code n} execution environments per handler container, told they run in {@code region}. */
    public SupervisorOptions withLambda(int n, String region) {
        return new SupervisorOptions(startTimeout, drainTimeout, stopGrace, firstRetry, maxRetry, hostEnvironment, debug, extraEnvironment,
                n, region);
    }
}
