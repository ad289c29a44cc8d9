package dev.serverlesscontainers.provider;

import com.google.protobuf.Empty;
import dev.serverlesscontainers.components.InvalidConfigurationException;
import dev.serverlesscontainers.components.ServerlessContainers;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import pulumirpc.Plugin.PluginInfo;
import pulumirpc.Provider.ConfigureRequest;
import pulumirpc.Provider.ConfigureResponse;
import pulumirpc.Provider.ConstructRequest;
import pulumirpc.Provider.ConstructResponse;
import pulumirpc.Provider.GetSchemaRequest;
import pulumirpc.Provider.GetSchemaResponse;
import pulumirpc.ResourceProviderGrpc;

/**
 * The resource provider protocol as this package needs it: plugin info, the committed schema,
 * configuration, and {@code Construct} of the one component. Everything else (custom resources,
 * invokes) is not part of the package and answers UNIMPLEMENTED, which the engine understands.
 */
final class ProviderService extends ResourceProviderGrpc.ResourceProviderImplBase {
    private final String engineAddress;
    private final String version;
    private final String schema;
    private final Map<String, String> environment;
    private final PrintStream log;
    private final Runnable onCancel;
    /** Constructs run one at a time: the Pulumi Java SDK keeps the running deployment in a global. */
    private CompletableFuture<?> constructs = CompletableFuture.completedFuture(null);

    ProviderService(String engineAddress, String version, String schema, Map<String, String> environment, PrintStream log, Runnable onCancel) {
        this.engineAddress = engineAddress;
        this.version = version;
        this.schema = schema;
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.onCancel = onCancel;
    }

    @Override
    public void getPluginInfo(Empty request, StreamObserver<PluginInfo> response) {
        response.onNext(PluginInfo.newBuilder().setVersion(version).build());
        response.onCompleted();
    }

    @Override
    public void getSchema(GetSchemaRequest request, StreamObserver<GetSchemaResponse> response) {
        if (!request.getSubpackageName().isEmpty()) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("serverless-containers has no sub-packages (asked for "
                    + request.getSubpackageName() + ")").asRuntimeException());
            return;
        }
        response.onNext(GetSchemaResponse.newBuilder().setSchema(schema).build());
        response.onCompleted();
    }

    @Override
    public void configure(ConfigureRequest request, StreamObserver<ConfigureResponse> response) {
        // the package has no provider configuration; Construct's inputs arrive as output values, so that another
        // resource's output keeps its dependencies down to the child resources that use it (ComponentInputs)
        response.onNext(ConfigureResponse.newBuilder()
                .setAcceptSecrets(true)
                .setAcceptResources(true)
                .setSupportsPreview(true)
                .setAcceptOutputs(true)
                .build());
        response.onCompleted();
    }

    @Override
    public void construct(ConstructRequest request, StreamObserver<ConstructResponse> response) {
        if (!request.getType().equals(ServerlessContainers.TYPE)) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("unknown component type " + request.getType()
                    + "; the serverless-containers package has " + ServerlessContainers.TYPE).asRuntimeException());
            return;
        }
        if (request.getParent().isEmpty()) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("Construct needs the parent's URN (the engine always sends it)").asRuntimeException());
            return;
        }
        CompletableFuture<ConstructResponse> done;
        synchronized (this) {
            done = constructs.handle((ignored, error) -> null)
                    .thenCompose(ignored -> ComponentConstruction.run(engineAddress, request, environment));
            constructs = done;
        }
        done.whenComplete((result, error) -> {
            if (error == null) {
                response.onNext(result);
                response.onCompleted();
            } else {
                response.onError(status(request, error).asRuntimeException());
            }
        });
    }

    @Override
    public void cancel(Empty request, StreamObserver<Empty> response) {
        log.println("serverless-containers: the engine asked the plugin to stop");
        response.onNext(Empty.getDefaultInstance());
        response.onCompleted();
        onCancel.run();
    }

    /**
     * The configuration error among what failed: the SDK wraps what a program throws (in
     * completion exceptions, or as suppressed exceptions of one that says several occurred).
     */
    private static InvalidConfigurationException invalidConfiguration(Throwable error, java.util.Set<Throwable> seen) {
        if (error == null || !seen.add(error)) {
            return null;
        }
        if (error instanceof InvalidConfigurationException invalid) {
            return invalid;
        }
        var found = invalidConfiguration(error.getCause(), seen);
        for (Throwable suppressed : error.getSuppressed()) {
            if (found == null) {
                found = invalidConfiguration(suppressed, seen);
            }
        }
        return found;
    }

    /** A configuration the component refuses is the user's mistake: its located text, as it is; anything else is ours. */
    private Status status(ConstructRequest request, Throwable error) {
        var invalid = invalidConfiguration(error, new java.util.HashSet<>());
        if (invalid != null) {
            return Status.INVALID_ARGUMENT.withDescription(invalid.getMessage());
        }
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        log.println("serverless-containers: constructing " + request.getName() + " failed:");
        cause.printStackTrace(log);
        return Status.INTERNAL.withDescription("constructing " + request.getName() + " failed: " + cause).withCause(cause);
    }
}
