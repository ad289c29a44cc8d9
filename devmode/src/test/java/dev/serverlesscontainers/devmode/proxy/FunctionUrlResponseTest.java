package dev.serverlesscontainers.devmode.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A handler's result becomes the HTTP response AWS documents for function URLs (the documented examples are the fixture). */
@Timeout(10)
class FunctionUrlResponseTest {

    static JsonObject fixture(String name) throws IOException {
        try (InputStream in = FunctionUrlResponseTest.class.getResourceAsStream("/function-url/" + name)) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyDocumentedExampleMapsAsDocumented() throws IOException {
        JsonArray examples = fixture("response-mappings.json").getJsonArray("examples");
        assertThat(examples).hasSize(4);
        for (Object o : examples) {
            JsonObject example = (JsonObject) o;
            String name = example.getString("name");
            FunctionUrlResponse r = FunctionUrlResponse.of(Buffer.buffer(Json.encode(example.getValue("output")))).orElseThrow();
            assertThat(r.status()).as(name).isEqualTo(example.getInteger("status"));
            for (Map.Entry<String, Object> h : example.getJsonObject("headers")) {
                List<String> values = r.headers().getAll(h.getKey());
                assertThat(values).as(name + " " + h.getKey()).isEqualTo(((JsonArray) h.getValue()).getList());
            }
            if (example.containsKey("bodyJson")) {
                assertThat(r.body().toJsonObject()).as(name).isEqualTo(example.getJsonObject("bodyJson"));
            } else {
                assertThat(r.body().toString()).as(name).isEqualTo(example.getString("body"));
            }
        }
    }

    @Test
    void aBase64BodyIsDecoded() {
        byte[] bytes = {0, (byte) 0xff, 1, (byte) 0x80};
        FunctionUrlResponse r = FunctionUrlResponse.of(Buffer.buffer(new JsonObject().put("statusCode", 200)
                .put("body", Base64.getEncoder().encodeToString(bytes)).put("isBase64Encoded", true).encode())).orElseThrow();
        assertThat(r.body().getBytes()).isEqualTo(bytes);
    }

    @Test
    void resultsAFunctionUrlCannotTurnIntoHttpAreRefused() {
        for (String bad : new String[] {"not json", "{\"statusCode\":\"two hundred\"}", "{\"statusCode\":99}",
                "{\"statusCode\":200,\"body\":\"%%%\",\"isBase64Encoded\":true}"}) {
            assertThat(FunctionUrlResponse.of(Buffer.buffer(bad))).as(bad).isEmpty();
        }
    }

    @Test
    void numbersArraysAndNullAreJsonBodiesToo() {
        for (String payload : new String[] {"42", "[1,2]", "null", "{\"status\":\"not a statusCode\"}"}) {
            FunctionUrlResponse r = FunctionUrlResponse.of(Buffer.buffer(payload)).orElseThrow();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headers().get("content-type").toLowerCase(Locale.ROOT)).isEqualTo("application/json");
            assertThat(r.body().toString()).isEqualTo(payload);
        }
    }
}
