package dev.serverlesscontainers.devmode.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.model.config.ComputeType;
import io.vertx.core.json.JsonObject;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TraceIdTest {
    private static final String ID = "1-[0-9a-f]{8}-[0-9a-f]{24}";
    private final Random random = new Random(7);

    @Test
    void aRequestWithoutTraceGetsARootWithTheEpochTimeInHex() {
        String v = TraceId.next(null, 0x67891233L, random);
        assertThat(v).matches("Root=" + ID).startsWith("Root=1-67891233-");
    }

    @Test
    void aRequestWithARootGetsASelfInFront() {
        String v = TraceId.next("Root=1-67891233-abcdef012345678912345678", 0x67891299L, random);
        assertThat(v).matches("Self=1-67891299-[0-9a-f]{24};Root=1-67891233-abcdef012345678912345678");
    }

    @Test
    void anExistingSelfIsUpdatedAndCustomFieldsAreKept() {
        String v = TraceId.next("Self=1-00000001-000000000000000000000000;Root=1-67891233-abcdef012345678912345678;CalledFrom=app",
                0x67891299L, random);
        assertThat(v).matches("Self=1-67891299-[0-9a-f]{24};Root=1-67891233-abcdef012345678912345678;CalledFrom=app");
        assertThat(TraceId.next("Root=1-67891233-abcdef012345678912345678;CalledFrom=app", 1, random))
                .matches("Self=" + ID + ";Root=1-67891233-abcdef012345678912345678;CalledFrom=app");
    }

    @Test
    void customFieldsWithoutARootGetOne() {
        assertThat(TraceId.next("CalledFrom=app", 1, random)).matches("Root=" + ID + ";CalledFrom=app");
        assertThat(TraceId.root("Self=1-a-b;Root=1-67891233-abc")).isEqualTo("1-67891233-abc");
    }

    @Test
    void theAppReceivesATraceHeader() throws Exception {
        try (ProxyHarness h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, UnaryOperator.identity())) {
            h.serve("web", h.echo("web"));
            JsonObject first = new JsonObject(RawHttp.get(h.port(), "x", "/").text()).getJsonObject("headers");
            assertThat(first.getString("x-amzn-trace-id")).matches("Root=" + ID);
            JsonObject second = new JsonObject(RawHttp.get(h.port(), "x", "/", "X-Amzn-Trace-Id: Root=1-5759e988-bd862e3fe1be46a994272793")
                    .text()).getJsonObject("headers");
            assertThat(second.getString("x-amzn-trace-id")).matches("Self=" + ID + ";Root=1-5759e988-bd862e3fe1be46a994272793");
        }
    }
}
