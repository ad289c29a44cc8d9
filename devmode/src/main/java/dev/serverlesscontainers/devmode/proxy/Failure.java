package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.devmode.target.TargetState;
import dev.serverlesscontainers.model.routing.NotFound;
import dev.serverlesscontainers.model.config.ComputeType;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.StreamResetException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * An answer the proxy gives on its own. This is the one place where a cause becomes a status code;
 * the facts it follows are cited where each is decided.
 *
 * @param reason what happened, for the terminal and the {@value #REASON_HEADER} header
 */
record Failure(int status, String reason, Style style) {
    /** Vert.x's message when a request asks a closed pool for a connection; {@link AppChannels} fails with it too. */
    static final String POOL_CLOSED = "Pool closed";

    /** The reason may quote a client's bytes: kept to one line of printable text for the terminal and the header. */
    Failure {
        reason = printable(reason).strip();
    }

    /** Tells a developer why scf-dev answered instead of the app; only on answers scf-dev makes itself. */
    static final String REASON_HEADER = "x-scf-dev-reason";

    enum Style {
        /** The ALB's own error page (HTML). */
        ALB_PAGE,
        /** The fixed response of the default action, identical on the ALB and in the CloudFront Function. */
        DEFAULT_ACTION,
        /** What a Lambda function URL answers when the invocation fails. */
        FUNCTION_URL
    }

    /**
     * ALB answers 400 when "the client sent a malformed request that does not meet the HTTP
     * specification" or "the request header exceeded 16 K per request line, 16 K per single header,
     * or 64 K for the entire request header" (ALB troubleshooting guide, HTTP 400).
     */
    static Failure badRequest(String why) {
        return new Failure(400, why, Style.ALB_PAGE);
    }

    /** ALB: "HTTP 405: The client used the TRACE method, which is not supported by Application Load Balancers." */
    static Failure traceNotAllowed() {
        return new Failure(405, "the ALB does not support the TRACE method", Style.ALB_PAGE);
    }

    /** ALB: "HTTP 463: ... an X-Forwarded-For request header with too many IP addresses. The upper limit for IP addresses is 30." */
    static Failure tooManyForwardedAddresses(int count) {
        return new Failure(463, "X-Forwarded-For holds " + count + " addresses; the ALB accepts at most "
                + RequestChecks.MAX_FORWARDED_ADDRESSES, Style.ALB_PAGE);
    }

    /** ALB: "HTTP 501: ... a Transfer-Encoding header with an unsupported value. The supported values are chunked and identity." */
    static Failure unsupportedTransferEncoding(String value) {
        return new Failure(501, "Transfer-Encoding " + value + " is not supported (only chunked and identity)", Style.ALB_PAGE);
    }

    /** No rule matched: the default action, a fixed 404 with the text body "Not Found". */
    static Failure noRule(String host, String path) {
        return new Failure(NotFound.STATUS, "no routing rule matches host " + (host.isEmpty() ? "(none)" : host) + " and path " + path,
                Style.DEFAULT_ACTION);
    }

    /**
     * The route's container has no instance taking requests. The ALB answers 503 when "the target
     * groups for the load balancer have no registered targets" (ECS deregisters a stopped task). A
     * Lambda function whose runtime exits fails the invocation, and its function URL answers 502.
     */
    static Failure notServing(TargetState.NotServing state, ComputeType computeType) {
        String why = state.detail();
        if (computeType == ComputeType.AWS_LAMBDA && state.why() == TargetState.Why.CRASHED) {
            return new Failure(502, why, Style.FUNCTION_URL);
        }
        return new Failure(503, why, Style.ALB_PAGE);
    }

    /**
     * A request to the app failed before its response began. ALB: 502 when it "received a TCP RST
     * from the target when attempting to establish a connection", when "the target closed the
     * connection ... while the load balancer had an outstanding request", or when "the target
     * response is malformed or contains HTTP headers that are not valid" or its header "exceeded 32 K";
     * 504 when it "failed to establish a connection to the target before the connection timeout
     * expired (10 seconds)" or "the target did not respond before the idle timeout period elapsed".
     * Behind a function URL every such failure fails the invocation: 502.
     */
    static Failure upstream(Throwable cause, ComputeType computeType, String container) {
        return upstream(cause, computeType, container, false);
    }

    /** As {@link #upstream(Throwable, ComputeType, String)}, for a failure while {@code connecting}. */
    static Failure upstream(Throwable cause, ComputeType computeType, String container, boolean connecting) {
        if (computeType == ComputeType.AWS_LAMBDA) {
            return new Failure(502, container + " failed the invocation: " + describe(cause), Style.FUNCTION_URL);
        }
        // ConnectTimeoutException is a ConnectException: test it first; a connection that is not
        // made in time may also surface as the pool's TimeoutException
        if (cause instanceof ConnectTimeoutException || connecting && cause instanceof TimeoutException) {
            return new Failure(504, "connecting to " + container + " timed out", Style.ALB_PAGE);
        }
        if (cause instanceof TimeoutException) {
            return new Failure(504, container + " did not answer within the idle timeout", Style.ALB_PAGE);
        }
        if (cause instanceof ConnectException) {
            return new Failure(502, container + " refused the connection: " + describe(cause), Style.ALB_PAGE);
        }
        if (cause instanceof StreamResetException || connecting && cause instanceof VertxException && POOL_CLOSED.equals(cause.getMessage())) {
            // scf-dev itself gave up the request: the instance exited and its connections were closed (or it
            // was retired, its pool closed, between being chosen and being connected to)
            return new Failure(502, container + " stopped before answering", Style.ALB_PAGE);
        }
        if (cause instanceof HttpClosedException || cause instanceof ClosedChannelException) {
            // Netty's writes to a connection the app has already closed fail with ClosedChannelException
            return new Failure(502, container + " closed the connection before answering", Style.ALB_PAGE);
        }
        if (cause instanceof IOException && String.valueOf(cause.getMessage()).contains("Connection reset")) {
            // an instance that dies with requests on its connections resets them (ALB: "received a TCP RST from the target")
            return new Failure(502, container + " reset the connection before answering", Style.ALB_PAGE);
        }
        return new Failure(502, container + " sent a response the ALB cannot use: " + describe(cause), Style.ALB_PAGE);
    }

    /**
     * Lambda's invocation payload limit is 6 MB for a synchronous invocation; Lambda refuses larger
     * requests ("Request must be smaller than 6291456 bytes for the InvokeFunction operation") and a
     * function URL answers 413 without calling the function. The real limit counts the whole event
     * (headers, and base64 for binary bodies), so a deployed function refuses somewhat smaller bodies.
     */
    static Failure lambdaRequestTooLarge(String container, long bytes) {
        return new Failure(413, container + ": a request body of " + bytes + "+ bytes exceeds Lambda's "
                + LambdaExchange.MAX_REQUEST_BYTES + "-byte invocation payload limit", Style.FUNCTION_URL);
    }

    /**
     * A response over Lambda's payload limit fails the invocation ("Exceeded maximum allowed payload
     * size (6291556 bytes)", RequestEntityTooLarge) and the function URL answers 502.
     */
    static Failure lambdaResponseTooLarge(String container, long bytes) {
        return new Failure(502, container + ": a response body of " + bytes + "+ bytes exceeds Lambda's "
                + LambdaExchange.MAX_RESPONSE_BYTES + "-byte response payload limit", Style.FUNCTION_URL);
    }

    /** A function that runs past its timeout is stopped ("Task timed out after N seconds"); the function URL answers 502. */
    static Failure lambdaTimeout(String container, Duration timeout) {
        return new Failure(502, container + ": the invocation timed out after " + timeout.toSeconds()
                + " s (compute.awsLambda.timeout)", Style.FUNCTION_URL);
    }

    /**
     * A handler invocation failed: it reported an error, its runtime exited, or its response was
     * over the limit. A function URL answers 502 with Lambda's own body; the error is for the terminal.
     */
    static Failure lambdaFunctionError(String container, dev.serverlesscontainers.devmode.lambda.FunctionError error) {
        if (error.kind() == dev.serverlesscontainers.devmode.lambda.FunctionError.Kind.TIMEOUT) {
            return new Failure(502, container + ": " + error.message() + " (compute.awsLambda.timeout)", Style.FUNCTION_URL);
        }
        return new Failure(502, container + ": the invocation failed: " + error.message(), Style.FUNCTION_URL);
    }

    /** A function URL answers 502 when the function's result cannot be turned into an HTTP response. */
    static Failure lambdaInvalidResponse(String container, String why) {
        return new Failure(502, container + ": " + why, Style.FUNCTION_URL);
    }

    /**
     * 400 leaves the parser where it cannot go on, 413 leaves a body unread, 501 a body whose coding
     * cannot be read: such connections are closed.
     */
    boolean closesConnection() {
        return status == 400 || status == 413 || status == 501;
    }

    /** Sends this answer, or cuts the connection when the app's response has already begun. */
    void respond(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        if (response.ended()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        String body = body();
        response.setStatusCode(status);
        if (status == 463) {
            response.setStatusMessage("X-Forwarded-For Too Many Addresses");
        }
        response.putHeader("content-type", contentType());
        response.putHeader(REASON_HEADER, reason);
        if (closesConnection()) {
            response.putHeader("connection", "close");
            // at once: a body left unread would hold back the end of the response until the client stops
            // sending, and DecoderGate flushes the answer before the connection closes; the close lingers,
            // so that a client still sending reads this answer rather than a reset
            LingeringClose.arm(request.connection());
            response.end(body);
            request.connection().close();
        } else {
            if (!request.isEnded()) {
                request.resume(); // let the server read and discard a body nobody will forward (once read, HTTP/2 refuses to resume)
            }
            response.end(body);
        }
    }

    private String contentType() {
        switch (style) {
            case DEFAULT_ACTION:
                return NotFound.CONTENT_TYPE;
            case ALB_PAGE:
                return "text/html";
            default:
                return "text/plain; charset=utf-8";
        }
    }

    String body() {
        switch (style) {
            case DEFAULT_ACTION:
                return NotFound.BODY;
            case FUNCTION_URL:
                return status == 413 ? "Request Entity Too Large" : "Internal Server Error";
            default:
                String title = status + (statusText().isEmpty() ? "" : " " + statusText());
                return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                        + "</h1></center>\r\n</body>\r\n</html>\r\n";
        }
    }

    private String statusText() {
        switch (status) {
            case 400: return "Bad Request";
            case 405: return "Method Not Allowed";
            case 501: return "Not Implemented";
            case 502: return "Bad Gateway";
            case 503: return "Service Temporarily Unavailable";
            case 504: return "Gateway Time-out";
            default: return "";
        }
    }

    /** {@code s} with control and non-ASCII characters as {@code \\xHH} escapes (itself, unchanged, when it has none). */
    static String printable(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) >= 0x20 && s.charAt(i) < 0x7f) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 8).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else {
                b.append(String.format(c > 0xff ? "\\u%04x" : "\\x%02x", (int) c));
            }
        }
        return b.toString();
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
