package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.model.routing.Route;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A request as a function URL hands it to a handler: the payload format 2.0 event (Lambda developer
 * guide, "Invoking Lambda function URLs", request payload format). Header names are lower-cased
 * and repeated values joined with commas; cookies move from the {@code Cookie} header to
 * {@code cookies}; repeated query parameters are joined with commas; a body that is not text
 * arrives base64-encoded with {@code isBase64Encoded: true}.
 */
final class FunctionUrlEvent {
    private FunctionUrlEvent() {}

    /** Media types whose bodies a function URL passes as text; every other body is base64-encoded. */
    private static final Set<String> TEXT_TYPES = Set.of("application/json", "application/javascript", "application/xml",
            "application/x-www-form-urlencoded", "application/graphql", "application/ld+json", "application/x-yaml",
            "application/yaml");

    static JsonObject of(LambdaContextHeaders.Invocation invocation, MultiMap headers, Buffer body) {
        String target = invocation.requestTarget();
        int q = target.indexOf('?');
        String rawQuery = q < 0 ? "" : target.substring(q + 1);
        JsonObject event = new JsonObject()
                .put("version", "2.0")
                .put("routeKey", "$default")
                .put("rawPath", Route.pathOf(target))
                .put("rawQueryString", rawQuery);
        JsonArray cookies = cookies(headers);
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        event.put("headers", headers(headers));
        if (!rawQuery.isEmpty()) {
            event.put("queryStringParameters", query(rawQuery));
        }
        event.put("requestContext", LambdaContextHeaders.requestContext(invocation).put("authentication", null).put("authorizer", null));
        if (body.length() > 0) {
            String text = isText(headers.get("content-type")) ? utf8(body) : null;
            event.put("body", text != null ? text : Base64.getEncoder().encodeToString(body.getBytes()));
            event.put("isBase64Encoded", text == null);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    private static JsonObject headers(MultiMap headers) {
        Map<String, String> joined = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!name.equals("cookie")) {
                joined.merge(name, h.getValue(), (a, b) -> a + "," + b);
            }
        }
        JsonObject out = new JsonObject();
        joined.forEach(out::put);
        return out;
    }

    private static JsonArray cookies(MultiMap headers) {
        JsonArray out = new JsonArray();
        for (String header : headers.getAll("cookie")) {
            for (String cookie : header.split(";")) {
                if (!cookie.isBlank()) {
                    out.add(cookie.strip());
                }
            }
        }
        return out;
    }

    private static JsonObject query(String rawQuery) {
        Map<String, String> joined = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            joined.merge(name, value, (a, b) -> a + "," + b);
        }
        JsonObject out = new JsonObject();
        joined.forEach(out::put);
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a stray % stays as it was sent
        }
    }

    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || TEXT_TYPES.contains(type) || type.endsWith("+json") || type.endsWith("+xml");
    }

    /** The body as UTF-8 text, or null when it is not valid UTF-8 (then it travels base64-encoded). */
    private static String utf8(Buffer body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body.getBytes())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
