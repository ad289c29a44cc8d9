package dev.serverlesscontainers.devmode.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * A handler's result as a function URL turns it into an HTTP response (Lambda developer guide,
 * "Invoking Lambda function URLs", response payload format): an object with {@code statusCode}
 * gives its status, {@code headers}, {@code cookies} (each a {@code Set-Cookie}) and {@code body}
 * (decoded when {@code isBase64Encoded}); any other valid JSON (a string, a number, an object
 * without {@code statusCode}) is the body of a 200 {@code application/json} response, exactly as
 * returned. A payload that is not JSON, or a status that is not one, fails the invocation.
 *
 * @param status the HTTP status
 * @param headers the response headers, {@code Set-Cookie} included
 */
record FunctionUrlResponse(int status, MultiMap headers, Buffer body) {

    /** The content type of a streamed response that begins with a JSON prelude (status, headers, cookies). */
    static final String HTTP_INTEGRATION = "application/vnd.awslambda.http-integration-response";
    /** Eight NUL bytes end the prelude of a streamed HTTP integration response. */
    static final int PRELUDE_DELIMITER = 8;

    /** The response for a buffered result, or empty when it is not one a function URL accepts. */
    static Optional<FunctionUrlResponse> of(Buffer payload) {
        Object value;
        try {
            value = Json.decodeValue(payload);
        } catch (DecodeException e) {
            return Optional.empty();
        }
        if (!(value instanceof JsonObject object) || !object.containsKey("statusCode")) {
            MultiMap headers = HttpHeaders.headers().add(HttpHeaders.CONTENT_TYPE, "application/json");
            return Optional.of(new FunctionUrlResponse(200, headers, payload));
        }
        Optional<MultiMap> head = head(object);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Object body = object.getValue("body");
        Buffer bytes;
        if (body == null) {
            bytes = Buffer.buffer();
        } else if (body instanceof String text) {
            try {
                bytes = object.getBoolean("isBase64Encoded", false) ? Buffer.buffer(Base64.getDecoder().decode(text)) : Buffer.buffer(text);
            } catch (IllegalArgumentException | ClassCastException e) {
                return Optional.empty();
            }
        } else {
            bytes = Buffer.buffer(Json.encode(body));
        }
        return Optional.of(new FunctionUrlResponse(object.getInteger("statusCode"), head.get(), bytes));
    }

    /**
     * The status and headers of a prelude or a result object; empty when {@code statusCode} is not
     * an HTTP status. A prelude without one means 200.
     */
    static Optional<MultiMap> head(JsonObject object) {
        Object status = object.getValue("statusCode", 200);
        if (!(status instanceof Integer code) || code < 100 || code > 599) {
            return Optional.empty();
        }
        MultiMap headers = HttpHeaders.headers();
        JsonObject given = object.getValue("headers") instanceof JsonObject h ? h : new JsonObject();
        for (Map.Entry<String, Object> h : given) {
            if (h.getValue() != null) {
                headers.add(h.getKey(), String.valueOf(h.getValue()));
            }
        }
        if (object.getValue("cookies") instanceof JsonArray cookies) {
            for (Object cookie : cookies) {
                headers.add(HttpHeaders.SET_COOKIE, String.valueOf(cookie));
            }
        }
        return Optional.of(headers);
    }

    /** The status of a prelude or result object; call after {@link #head} accepted it. */
    static int status(JsonObject object) {
        return object.getInteger("statusCode", 200);
    }
}
