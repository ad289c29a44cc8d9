package dev.serverlesscontainers.components;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.exceptions.RunException;
import dev.serverlesscontainers.model.config.ComputeType;
import dev.serverlesscontainers.model.config.HealthRule;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The request each newly published version of a Lambda function must answer before its {@code live}
 * alias (and with it the function URL CloudFront calls) may move to it: a function URL event (payload
 * version 2.0) for {@code GET <pathHealthCheck>}, invoked once per version by an
 * {@code aws:lambda/Invocation}.
 *
 * <p>The image's Lambda Web Adapter only hands a request to the app once the app passes its
 * readiness check on the same path (any status below 500). An app that never gets there fails the
 * function's start, so the invocation itself fails. An app that starts but answers the check with a
 * status {@link HealthRule} does not count as healthy fails {@link #healthyVersion}, with the app's
 * answer in the message. Either way the update stops before the alias moves, and traffic stays on the
 * version that served it before. This is the Lambda side of "healthy before traffic", as the ECS
 * service's completed rollout ({@link RolloutWatcher}) is the Fargate side.
 */
final class LambdaHealthCheck {
    private LambdaHealthCheck() {}

    static final String USER_AGENT = "serverless-containers-health-check";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How much of an unhealthy answer's body a failed update shows. */
    static final int BODY_SHOWN = 500;

    /**
     * {@code version}, once its answer to the check ({@code result}: the function's response, as the
     * invocation returns it) is healthy.
     *
     * @throws RunException naming the function, version, path and the app's status and body, when it is not
     */
    static String healthyVersion(String container, String function, String path, String version, String result) {
        if (result == null) {
            return version; // AWS always returns the response; a program's own mocks may not
        }
        JsonNode response;
        try {
            response = JSON.readTree(result);
        } catch (JsonProcessingException e) {
            response = null;
        }
        // a function URL answers 200 for a response without a status code, as here
        int status = response != null && response.path("statusCode").canConvertToInt() ? response.path("statusCode").asInt() : 200;
        if (HealthRule.healthy(ComputeType.AWS_LAMBDA, status)) {
            return version;
        }
        throw new RunException("containers." + container + ": version " + version + " of " + function + " answered its health check GET "
                + path + " with " + status + " (healthy: " + HealthRule.describe(ComputeType.AWS_LAMBDA) + "): "
                + body(response) + "; the live alias stays on the version it had, and so does the traffic");
    }

    private static String body(JsonNode response) {
        String body = response == null ? "" : response.path("body").asText("");
        if (response != null && response.path("isBase64Encoded").asBoolean(false)) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // shown as sent
            }
        }
        if (body.isBlank()) {
            return "(empty body)";
        }
        return body.length() > BODY_SHOWN ? body.substring(0, BODY_SHOWN) + "..." : body;
    }

    /** The event, as a function URL sends it for {@code GET path}. */
    static String event(String path) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        ObjectNode headers = event.putObject("headers");
        headers.put("host", "health-check.invalid");
        headers.put("user-agent", USER_AGENT);
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "anonymous");
        context.put("apiId", "health-check");
        context.put("domainName", "health-check.invalid");
        context.put("domainPrefix", "health-check");
        context.put("requestId", "health-check");
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", "01/Jan/2026:00:00:00 +0000");
        context.put("timeEpoch", 1767225600000L);
        ObjectNode http = context.putObject("http");
        http.put("method", "GET");
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", USER_AGENT);
        event.put("isBase64Encoded", false);
        return event.toString();
    }
}
