package dev.serverlesscontainers.provider;

import com.google.common.collect.ImmutableMap;
import com.google.protobuf.Empty;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.pulumi.test.Mocks;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;
import pulumirpc.Resource.ResourceInvokeRequest;
import pulumirpc.Resource.ResourceInvokeResponse;
import pulumirpc.Resource.SupportsFeatureRequest;
import pulumirpc.Resource.SupportsFeatureResponse;
import pulumirpc.ResourceMonitorGrpc;

/**
 * The engine's resource monitor, which a plugin's Construct registers the component's children
 * with. It records every registration (type, name, parent, inputs) and answers registrations and
 * invokes with the component tests' mock AWS, so the plugin sees what the component sees under mocks.
 */
final class FakeResourceMonitor extends ResourceMonitorGrpc.ResourceMonitorImplBase {
    /**
     * One registration as the monitor received it: {@code inputs} plain, {@code object} as on the wire
     * (secrets wrapped), the provider reference and the explicit dependencies.
     */
    record Registration(String type, String name, String parentUrn, boolean custom, Map<String, Object> inputs, String urn, Struct object,
            String provider, List<String> dependencies) {
        /** Whether the input arrived wrapped as a secret. */
        boolean isSecret(String input) {
            Value v = object.getFieldsMap().get(input);
            return v != null && Structs.isSecret(v);
        }
    }

    /** The component's registered outputs. */
    record Outputs(String urn, Map<String, Object> outputs) {}

    final List<Registration> registrations = Collections.synchronizedList(new ArrayList<>());
    final List<Outputs> outputs = Collections.synchronizedList(new ArrayList<>());
    final List<String> invokes = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> qualifiedTypes = new ConcurrentHashMap<>();
    private final String project;
    private final String stack;
    private final Mocks aws;

    FakeResourceMonitor(String project, String stack, Mocks aws) {
        this.project = project;
        this.stack = stack;
        this.aws = aws;
    }

    @Override
    public void supportsFeature(SupportsFeatureRequest request, StreamObserver<SupportsFeatureResponse> response) {
        // as the SDK's mock monitor: everything but output values
        response.onNext(SupportsFeatureResponse.newBuilder().setHasSupport(!request.getId().equals("outputValues")).build());
        response.onCompleted();
    }

    @Override
    public void registerResource(RegisterResourceRequest request, StreamObserver<RegisterResourceResponse> response) {
        Map<String, Object> inputs = Structs.plain(request.getObject());
        String qualified = Optional.ofNullable(qualifiedTypes.get(request.getParent())).map(p -> p + "$").orElse("") + request.getType();
        String urn = "urn:pulumi:" + stack + "::" + project + "::" + qualified + "::" + request.getName();
        qualifiedTypes.put(urn, qualified);
        registrations.add(new Registration(request.getType(), request.getName(), request.getParent(), request.getCustom(), inputs, urn,
                request.getObject(), request.getProvider(), List.copyOf(request.getDependenciesList())));
        aws.newResourceAsync(new Mocks.ResourceArgs(request.getType(), request.getName(), inputs, request.getProvider(), request.getImportId()))
                .whenComplete((result, error) -> {
                    if (error != null) {
                        response.onError(Status.INTERNAL.withDescription(String.valueOf(error)).asRuntimeException());
                        return;
                    }
                    var b = RegisterResourceResponse.newBuilder().setUrn(urn).setObject(Structs.value(result.state).getStructValue());
                    if (request.getCustom()) {
                        b.setId(result.id.orElse(request.getName() + "-id"));
                    }
                    response.onNext(b.build());
                    response.onCompleted();
                });
    }

    @Override
    public void registerResourceOutputs(RegisterResourceOutputsRequest request, StreamObserver<Empty> response) {
        outputs.add(new Outputs(request.getUrn(), Structs.plain(request.getOutputs())));
        response.onNext(Empty.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void invoke(ResourceInvokeRequest request, StreamObserver<ResourceInvokeResponse> response) {
        invokes.add(request.getTok());
        Map<String, Object> args = new LinkedHashMap<>();
        Structs.plain(request.getArgs()).forEach((k, v) -> {
            if (v != null) {
                args.put(k, v);
            }
        });
        aws.callAsync(new Mocks.CallArgs(request.getTok(), ImmutableMap.copyOf(args), request.getProvider()))
                .whenComplete((result, error) -> {
                    if (error != null) {
                        response.onError(Status.INTERNAL.withDescription(String.valueOf(error)).asRuntimeException());
                        return;
                    }
                    response.onNext(ResourceInvokeResponse.newBuilder().setReturn(Structs.struct(result)).build());
                    response.onCompleted();
                });
    }

    /** The name of the resource with this URN, as registered here. */
    Optional<String> nameOf(String urn) {
        synchronized (registrations) {
            return registrations.stream().filter(r -> r.urn().equals(urn)).map(Registration::name).findFirst();
        }
    }
}
