package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.model.naming.Names;
import dev.serverlesscontainers.model.routing.Route;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The headers the AWS Lambda Web Adapter adds to every request it hands to the app:
 * {@code x-amzn-request-context}, the function URL's request context as JSON (payload format 2.0,
 * camel-case fields as in the function URL event), and {@code x-amzn-lambda-context}, the invocation
 * context as JSON (the Rust runtime's {@code Context}: snake-case fields, {@code deadline} in epoch
 * milliseconds). Values that only exist on AWS (account, region) are stand-ins.
 */
final class LambdaContextHeaders {
    private LambdaContextHeaders() {}

    static final String REQUEST_CONTEXT = "x-amzn-request-context";
    static final String LAMBDA_CONTEXT = "x-amzn-lambda-context";
    /** There is no AWS account locally. */
    static final String LOCAL_ACCOUNT = "000000000000";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One invocation: what the request looked like when it arrived. */
    record Invocation(String requestId, Instant start, LambdaFunction function, String method, String requestTarget,
                      String hostHeader, String sourceIp, String userAgent, String traceHeader) {}

    static void apply(MultiMap upstream, Invocation invocation) {
        upstream.set(REQUEST_CONTEXT, requestContext(invocation).encode());
        upstream.set(LAMBDA_CONTEXT, lambdaContext(invocation).encode());
    }

    static JsonObject requestContext(Invocation i) {
        String domain = Route.normalizeHost(i.hostHeader());
        String prefix = domain.contains(".") ? domain.substring(0, domain.indexOf('.')) : domain;
        return new JsonObject()
                .put("routeKey", "$default")
                .put("accountId", LOCAL_ACCOUNT)
                .put("stage", "$default")
                .put("requestId", i.requestId())
                .put("apiId", prefix)
                .put("domainName", domain)
                .put("domainPrefix", prefix)
                .put("time", TIME.format(i.start()))
                .put("timeEpoch", i.start().toEpochMilli())
                .put("http", new JsonObject()
                        .put("method", i.method())
                        .put("path", Route.pathOf(i.requestTarget()))
                        .put("protocol", "HTTP/1.1")
                        .put("sourceIp", i.sourceIp())
                        .put("userAgent", i.userAgent() == null ? "" : i.userAgent()));
    }

    static JsonObject lambdaContext(Invocation i) {
        LambdaFunction f = i.function();
        return new JsonObject()
                .put("request_id", i.requestId())
                .put("deadline", i.start().plus(f.timeout()).toEpochMilli())
                .put("invoked_function_arn", f.arn())
                .put("xray_trace_id", i.traceHeader())
                .putNull("client_context")
                .putNull("identity")
                .put("env_config", new JsonObject()
                        .put("function_name", f.functionName())
                        .put("memory", f.memoryMb())
                        .put("version", "$LATEST")
                        .put("log_stream", "")
                        .put("log_group", Names.lambdaLogGroup(f.functionName())));
    }
}
