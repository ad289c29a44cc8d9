package dev.serverlesscontainers.devmode.supervisor;

import dev.serverlesscontainers.devmode.lambda.FunctionPool;
import dev.serverlesscontainers.devmode.lambda.HandlerInstance;
import dev.serverlesscontainers.devmode.lambda.LambdaVariables;
import dev.serverlesscontainers.devmode.lambda.RuntimeApi;
import dev.serverlesscontainers.devmode.logs.LogHub;
import dev.serverlesscontainers.devmode.proxy.LambdaFunction;
import dev.serverlesscontainers.devmode.runtime.ContainerRuntime;
import dev.serverlesscontainers.devmode.runtime.Instance;
import dev.serverlesscontainers.devmode.runtime.InstanceSpec;
import dev.serverlesscontainers.devmode.runtime.StartFailure;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.image.BuildPlan;
import dev.serverlesscontainers.model.image.HandlerImage;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Starts the instances of an {@code awsLambda} container as Lambda starts execution environments:
 * each with a Runtime API of its own, named in {@code AWS_LAMBDA_RUNTIME_API}, and Lambda's
 * reserved variables with the deployed function's values. Whether the app then polls that API (a
 * handler) or answers HTTP on {@code PORT} decides how its requests are run.
 */
final class HandlerLaunches {
    private final ProjectConfig project;
    private final ContainerConfig container;
    private final ContainerRuntime runtime;
    private final Vertx vertx;
    private final LogHub logs;
    private final SupervisorOptions options;
    private final LambdaFunction function;
    /**
     * Once an instance answered HTTP: the Runtime API every later instance names, so that their
     * environments are the same and the Docker runtime's standby containers fit them. Should one of
     * them poll it after all, it becomes that instance's own, and the next get fresh ones again.
     */
    private RuntimeApi httpModeApi;

    HandlerLaunches(ProjectConfig project, ContainerConfig container, ContainerRuntime runtime, Vertx vertx, LogHub logs,
                    SupervisorOptions options) {
        this.project = project;
        this.container = container;
        this.runtime = runtime;
        this.vertx = vertx;
        this.logs = logs;
        this.options = options;
        this.function = LambdaFunction.of(project, options.region()).get(container.name());
    }

    /** A new instance and its Runtime API; the API is closed again when the instance cannot start. */
    HandlerInstance launch() throws StartFailure {
        return launch(null);
    }

    /** The same, of the same version as {@code sibling} when it is given (see {@link ContainerRuntime#startAnother}). */
    private HandlerInstance launch(Instance sibling) throws StartFailure {
        String host = runtime.runtimeApiHost(project);
        RuntimeApi api;
        synchronized (this) {
            api = httpModeApi;
        }
        if (api == null) {
            try {
                api = RuntimeApi.start(vertx, host, function.arn());
            } catch (IOException e) {
                throw new StartFailure(container.name() + ": cannot serve the Lambda Runtime API: " + e.getMessage());
            }
        }
        long started = System.nanoTime();
        InstanceSpec spec = new InstanceSpec(project, container, options.extraEnvironment().apply(container.name()), logs)
                .withLambdaEnvironment(LambdaVariables.of(function.functionName(), function.memoryMb(), function.region(),
                        host + ":" + api.port()));
        try {
            return new HandlerInstance(sibling == null ? runtime.start(spec) : runtime.startAnother(sibling, spec), api, started);
        } catch (StartFailure | RuntimeException e) {
            discard(api);
            throw e;
        }
    }

    /** The instance answers HTTP: its API stays open for the instances after it. */
    synchronized void servesHttp(HandlerInstance instance) {
        if (httpModeApi != null && httpModeApi != instance.api()) {
            httpModeApi.close();
        }
        httpModeApi = instance.api();
    }

    /** The instance never became ready: its API goes, unless later instances share it. */
    void discard(HandlerInstance instance) {
        discard(instance.api());
    }

    private synchronized void discard(RuntimeApi api) {
        if (api != httpModeApi) {
            api.close();
        }
    }

    /**
     * For a Lambda instance that never became ready: the init error its runtime reported; or, when its
     * files say it is a handler (the model's test, the one the deploy uses), that it never asked its
     * Runtime API for an event; else nothing.
     */
    static String hint(ContainerConfig container, HandlerInstance instance) {
        if (instance.api().initError().isPresent()) {
            return "; its runtime reported an init error: " + instance.api().initError().get();
        }
        BuildPlan build;
        try {
            build = BuildPlan.of(container);
        } catch (UncheckedIOException e) {
            return ""; // its files cannot be read: nothing to tell from them
        }
        return HandlerImage.reason(container.src(), build.dockerfileText().orElse(""), build.options().target())
                .map(r -> "; it looks like a Lambda handler (" + r + "), but it never asked AWS_LAMBDA_RUNTIME_API for an event"
                        + " (does its command start the runtime interface client?)")
                .orElse("");
    }

    /** The pool of execution environments that grows from {@code first}, which polls its Runtime API. */
    FunctionPool pool(HandlerInstance first) {
        synchronized (this) {
            if (httpModeApi == first.api()) {
                httpModeApi = null;
            }
        }
        return new FunctionPool(vertx, first, () -> launch(first.instance()), function.timeout(), options.lambdaMaxInstances(), new FunctionPool.Events() {
            @Override
            public void event(String text) {
                logs.event(container.name(), text);
            }

            @Override
            public List<String> lastOutput(String instanceId) {
                return logs.lastOutput(container.name(), instanceId, ContainerSupervisor.LAST_LINES);
            }
        });
    }
}
