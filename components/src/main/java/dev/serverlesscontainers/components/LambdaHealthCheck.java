package dev.serverlesscontainers.components;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The request a new or changed Lambda function must answer before CloudFront may route to it: a
 * function URL event (payload version 2.0) for {@code GET <pathHealthCheck>}, invoked once per
 * change of the function by an {@code aws:lambda/Invocation}.
 *
 * <p>The image's Lambda Web Adapter only hands a request to the app once the app passes its
 * readiness check on the same path (any status below 500). An app that never gets there fails the
 * function's start, so the invocation fails, the update stops there, and the distribution goes on
 * sending traffic to what served it before. This is the Lambda side of "healthy before traffic",
 * as the ECS service's steady state is the Fargate side.
 */
final class LambdaHealthCheck {
    private LambdaHealthCheck() {}

    static final String USER_AGENT = "serverless-containers-health-check";
    private static final ObjectMapper JSON = new ObjectMapper();

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
