package dev.serverlesscontainers.devmode.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A request becomes the payload 2.0 event AWS documents for function URLs, key for key. */
@Timeout(10)
class FunctionUrlEventTest {
    private static final LambdaFunction FUNCTION = LambdaFunction.defaults("api");

    private static LambdaContextHeaders.Invocation invocation(String method, String target) {
        return new LambdaContextHeaders.Invocation("req-1", Instant.ofEpochMilli(1583348638390L), FUNCTION, method, target,
                "abc.lambda-url.us-west-2.on.aws", "123.123.123.123", "agent", "Root=1-5e6b4a2e-0123456789abcdef01234567");
    }

    @Test
    void theDocumentedRequestGivesTheDocumentedEvent() throws Exception {
        JsonObject documented = FunctionUrlResponseTest.fixture("request-payload.json");
        documented.remove("_source");
        MultiMap headers = HttpHeaders.headers().add("Header1", "value1").add("header2", "value1").add("header2", "value2")
                .add("Cookie", "cookie1; cookie2").add("Content-Type", "text/plain");
        JsonObject event = FunctionUrlEvent.of(invocation("POST", "/my/path?parameter1=value1&parameter1=value2&parameter2=value"),
                headers, Buffer.buffer("Hello from client!"));

        assertThat(event.fieldNames()).containsExactlyInAnyOrderElementsOf(documented.fieldNames());
        assertThat(event.getJsonObject("requestContext").fieldNames())
                .containsExactlyInAnyOrderElementsOf(documented.getJsonObject("requestContext").fieldNames());
        assertThat(event.getJsonObject("requestContext").getJsonObject("http").fieldNames())
                .containsExactlyInAnyOrderElementsOf(documented.getJsonObject("requestContext").getJsonObject("http").fieldNames());
        for (String same : new String[] {"version", "routeKey", "rawPath", "rawQueryString", "cookies", "queryStringParameters",
                "body", "isBase64Encoded"}) {
            assertThat(event.getValue(same)).as(same).isEqualTo(documented.getValue(same));
        }
        assertThat(event.getJsonObject("headers").getMap()).containsEntry("header1", "value1").containsEntry("header2", "value1,value2")
                .doesNotContainKey("cookie");
        JsonObject context = event.getJsonObject("requestContext");
        assertThat(context.getJsonObject("http")).isEqualTo(documented.getJsonObject("requestContext").getJsonObject("http"));
        // the documented example's time and timeEpoch are eight days apart: only the format of time is compared
        assertThat(context.getString("time")).isEqualTo("04/Mar/2020:19:03:58 +0000")
                .matches("\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000");
        assertThat(context.getLong("timeEpoch")).isEqualTo(1583348638390L);
        assertThat(context.getString("requestId")).isEqualTo("req-1");
        assertThat(context.getString("domainName")).isEqualTo("abc.lambda-url.us-west-2.on.aws");
        assertThat(context.getString("domainPrefix")).isEqualTo("abc");
    }

    @Test
    void aBinaryBodyIsBase64EncodedAndAGetHasNoBodyOrQuery() {
        byte[] bytes = {(byte) 0xff, 0, (byte) 0xfe, 1};
        JsonObject binary = FunctionUrlEvent.of(invocation("PUT", "/upload"), HttpHeaders.headers().add("content-type", "image/png"),
                Buffer.buffer(bytes));
        assertThat(binary.getBoolean("isBase64Encoded")).isTrue();
        assertThat(Base64.getDecoder().decode(binary.getString("body"))).isEqualTo(bytes);

        JsonObject invalidUtf8 = FunctionUrlEvent.of(invocation("POST", "/"), HttpHeaders.headers().add("content-type", "text/plain"),
                Buffer.buffer(bytes));
        assertThat(invalidUtf8.getBoolean("isBase64Encoded")).isTrue();

        JsonObject get = FunctionUrlEvent.of(invocation("GET", "/x"), HttpHeaders.headers(), Buffer.buffer());
        assertThat(get.containsKey("body")).isFalse();
        assertThat(get.containsKey("queryStringParameters")).isFalse();
        assertThat(get.containsKey("cookies")).isFalse();
        assertThat(get.getString("rawQueryString")).isEmpty();
    }
}
