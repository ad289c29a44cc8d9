package dev.serverlesscontainers.provider;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Notices when the Pulumi engine that started the plugin is gone (the CLI crashed or was killed
 * without stopping its plugins) so that the plugin does not outlive it. Like Pulumi's own plugins it
 * asks the engine's gRPC health service; an engine without one answers UNIMPLEMENTED, which counts as
 * alive. {@value #FAILURES_BEFORE_GONE} failed checks in a row, {@link #INTERVAL} apart, mean gone.
 */
final class EngineWatch implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);
    static final int FAILURES_BEFORE_GONE = 3;

    private static final MethodDescriptor<byte[], byte[]> HEALTH_CHECK = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("grpc.health.v1.Health/Check")
            .setRequestMarshaller(new Bytes())
            .setResponseMarshaller(new Bytes())
            .build();

    private final ManagedChannel channel;
    private final ScheduledExecutorService timer;
    private final Runnable onGone;
    private int failures;

    private EngineWatch(String engineAddress, Runnable onGone) {
        this.channel = NettyChannelBuilder.forTarget(engineAddress).usePlaintext().build();
        this.onGone = onGone;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "engine-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts watching; {@code onGone} runs once, when the engine stopped answering. */
    static EngineWatch start(String engineAddress, Runnable onGone) {
        var watch = new EngineWatch(engineAddress, onGone);
        watch.timer.scheduleWithFixedDelay(watch::check, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    private void check() {
        try {
            // HealthCheckRequest{service: ""} is the empty message
            ClientCalls.blockingUnaryCall(channel, HEALTH_CHECK, CallOptions.DEFAULT.withDeadlineAfter(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                    new byte[0]);
            failures = 0;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                failures = 0;
                return;
            }
            if (++failures >= FAILURES_BEFORE_GONE) {
                timer.shutdown();
                onGone.run();
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        channel.shutdownNow();
    }

    private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
