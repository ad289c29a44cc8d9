package dev.serverlesscontainers.provider;

import com.google.protobuf.Empty;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import pulumirpc.EngineGrpc;
import pulumirpc.EngineOuterClass.GetRootResourceRequest;
import pulumirpc.EngineOuterClass.GetRootResourceResponse;
import pulumirpc.EngineOuterClass.LogRequest;
import pulumirpc.EngineOuterClass.SetRootResourceRequest;
import pulumirpc.EngineOuterClass.SetRootResourceResponse;

/** The Pulumi engine's service as a plugin and the SDK use it: log messages (recorded) and the root resource. */
final class FakeEngine extends EngineGrpc.EngineImplBase {
    /** One message the plugin logged through the engine. */
    record Logged(String severity, String message, String urn) {}

    final List<Logged> logs = Collections.synchronizedList(new ArrayList<>());
    private volatile String root = "";

    @Override
    public void log(LogRequest request, StreamObserver<Empty> response) {
        logs.add(new Logged(request.getSeverity().name(), request.getMessage(), request.getUrn()));
        response.onNext(Empty.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void getRootResource(GetRootResourceRequest request, StreamObserver<GetRootResourceResponse> response) {
        response.onNext(GetRootResourceResponse.newBuilder().setUrn(root).build());
        response.onCompleted();
    }

    @Override
    public void setRootResource(SetRootResourceRequest request, StreamObserver<SetRootResourceResponse> response) {
        root = request.getUrn();
        response.onNext(SetRootResourceResponse.getDefaultInstance());
        response.onCompleted();
    }
}
