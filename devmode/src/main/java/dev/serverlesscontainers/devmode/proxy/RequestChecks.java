package dev.serverlesscontainers.devmode.proxy;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.Optional;

/** What the ALB refuses before any rule is evaluated. */
final class RequestChecks {
    private RequestChecks() {}

    /** ALB quota "HTTP headers: request line 16 K"; enforced by the server's parser. */
    static final int MAX_REQUEST_LINE_BYTES = 16 * 1024;
    /** ALB quota "HTTP headers: entire request header 64 K"; enforced by the server's parser. */
    static final int MAX_REQUEST_HEADER_BYTES = 64 * 1024;
    /** ALB quota "HTTP headers: single header 16 K". */
    static final int MAX_SINGLE_HEADER_BYTES = 16 * 1024;
    /** ALB: at most 30 addresses in X-Forwarded-For (HTTP 463). */
    static final int MAX_FORWARDED_ADDRESSES = 30;

    /**
     * The answer to a header over the ALB's single-header limit, or null. {@link DesyncGuard} calls this
     * in its one pass over the headers, so that they are read once per request.
     */
    static Failure headerTooLarge(String name, String value) {
        int size = name.length() + 2 + value.length();
        if (size <= MAX_SINGLE_HEADER_BYTES) {
            return null;
        }
        return Failure.badRequest("header " + name + " is " + size + " bytes; the ALB accepts at most " + MAX_SINGLE_HEADER_BYTES
                + " per header");
    }

    /** Checks beyond {@link DesyncGuard}'s, which runs first. */
    static Optional<Failure> check(HttpServerRequest request) {
        if (request.method() == HttpMethod.TRACE) {
            return Optional.of(Failure.traceNotAllowed());
        }
        if (request.version() == HttpVersion.HTTP_1_1 && request.getHeader("host") == null) {
            return Optional.of(Failure.badRequest("an HTTP/1.1 request must have a Host header"));
        }
        int forwarded = ForwardedHeaders.addressCount(request.headers());
        if (forwarded > MAX_FORWARDED_ADDRESSES) {
            return Optional.of(Failure.tooManyForwardedAddresses(forwarded));
        }
        return Optional.empty();
    }
}
