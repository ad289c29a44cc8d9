package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.devmode.target.TargetState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.model.config.ComputeType;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.http.HttpClosedException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The one place causes become status codes, and the fixed answers' bodies. */
class FailureTest {
    private static final ComputeType FARGATE = ComputeType.AWS_FARGATE_ECS;
    private static final ComputeType LAMBDA = ComputeType.AWS_LAMBDA;

    @Test
    void upstreamFailuresMapAsTheAlbMapsThem() {
        assertThat(Failure.upstream(new ConnectException("Connection refused"), FARGATE, "web").status()).isEqualTo(502);
        assertThat(Failure.upstream(new ConnectTimeoutException("timed out"), FARGATE, "web").status()).isEqualTo(504);
        assertThat(Failure.upstream(new TimeoutException("idle"), FARGATE, "web").status()).isEqualTo(504);
        assertThat(Failure.upstream(new TimeoutException("pool"), FARGATE, "web", true).reason()).isEqualTo("connecting to web timed out");
        assertThat(Failure.upstream(new HttpClosedException("closed"), FARGATE, "web").status()).isEqualTo(502);
        // an instance retired (its pool closed) between being chosen and being connected to: it stopped, as a crash does
        assertThat(Failure.upstream(new io.vertx.core.VertxException("Pool closed", true), FARGATE, "web", true).reason())
                .isEqualTo("web stopped before answering");
        assertThat(Failure.upstream(new HttpClosedException(Failure.POOL_CLOSED), FARGATE, "web", true).reason())
                .isEqualTo("web stopped before answering");
        // a request written to a connection the app closed a moment before
        assertThat(Failure.upstream(new java.nio.channels.ClosedChannelException(), FARGATE, "web").reason())
                .isEqualTo("web closed the connection before answering");
        assertThat(Failure.upstream(new IllegalArgumentException("invalid version format"), FARGATE, "web").status()).isEqualTo(502);
        assertThat(Failure.upstream(new io.vertx.core.http.StreamResetException(0), FARGATE, "web").reason())
                .isEqualTo("web stopped before answering");
        assertThat(Failure.upstream(new java.net.SocketException("Connection reset"), FARGATE, "web").reason())
                .isEqualTo("web reset the connection before answering");
    }

    @Test
    void behindAFunctionUrlEveryFailureIs502() {
        assertThat(Failure.upstream(new TimeoutException("idle"), LAMBDA, "api").status()).isEqualTo(502);
        assertThat(Failure.upstream(new ConnectException("refused"), LAMBDA, "api").body()).isEqualTo("Internal Server Error");
        assertThat(Failure.lambdaTimeout("api", Duration.ofSeconds(6)).reason())
                .isEqualTo("api: the invocation timed out after 6 s (compute.awsLambda.timeout)");
        assertThat(Failure.lambdaRequestTooLarge("api", 7_000_000).status()).isEqualTo(413);
        assertThat(Failure.lambdaResponseTooLarge("api", 7_000_000).status()).isEqualTo(502);
    }

    @Test
    void theDefaultActionIsAPlainNotFound() {
        Failure f = Failure.noRule("example.com", "/nope");
        assertThat(f.status()).isEqualTo(404);
        assertThat(f.body()).isEqualTo("Not Found");
        assertThat(f.reason()).isEqualTo("no routing rule matches host example.com and path /nope");
    }

    @Test
    void albErrorPagesNameTheStatus() {
        assertThat(Failure.badRequest("x").body()).contains("<title>400 Bad Request</title>", "<h1>400 Bad Request</h1>");
        assertThat(Failure.notServing(new TargetState.NotServing(TargetState.Why.STARTING, "web is starting"), FARGATE).body())
                .contains("503 Service Temporarily Unavailable");
        assertThat(Failure.upstream(new TimeoutException(), FARGATE, "web").body()).contains("504 Gateway Time-out");
        assertThat(Failure.tooManyForwardedAddresses(31).body()).contains("<title>463</title>");
    }

    @Test
    void answersThatLeaveTheConnectionUnusableCloseIt() {
        assertThat(Failure.badRequest("x").closesConnection()).isTrue();
        assertThat(Failure.lambdaRequestTooLarge("api", 1).closesConnection()).isTrue();
        assertThat(Failure.noRule("h", "/").closesConnection()).isFalse();
        assertThat(Failure.traceNotAllowed().closesConnection()).isFalse();
    }
}
