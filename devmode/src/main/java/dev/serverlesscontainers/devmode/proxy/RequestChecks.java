package dev.serverlesscontainers.devmode.proxy;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.Locale;
import java.util.Map;
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

    static Optional<Failure> check(HttpServerRequest request) {
        if (request.method() == HttpMethod.TRACE) {
            return Optional.of(Failure.traceNotAllowed());
        }
        for (String te : request.headers().getAll("transfer-encoding")) {
            for (String coding : te.split(",")) {
                String c = coding.trim().toLowerCase(Locale.ROOT);
                if (!c.equals("chunked") && !c.equals("identity")) {
                    return Optional.of(Failure.unsupportedTransferEncoding(coding.trim()));
                }
            }
        }
        if (request.version() == HttpVersion.HTTP_1_1 && request.getHeader("host") == null) {
            return Optional.of(Failure.badRequest("an HTTP/1.1 request must have a Host header"));
        }
        for (Map.Entry<String, String> h : request.headers()) {
            int size = h.getKey().length() + 2 + h.getValue().length();
            if (size > MAX_SINGLE_HEADER_BYTES) {
                return Optional.of(Failure.badRequest("header " + h.getKey() + " is " + size + " bytes; the ALB accepts at most "
                        + MAX_SINGLE_HEADER_BYTES + " per header"));
            }
        }
        int forwarded = ForwardedHeaders.addressCount(request.headers());
        if (forwarded > MAX_FORWARDED_ADDRESSES) {
            return Optional.of(Failure.tooManyForwardedAddresses(forwarded));
        }
        return Optional.empty();
    }
}
