package dev.serverlesscontainers.devmode.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.proxy.DesyncGuard.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The guardian's tiers, one row per rule, on parsed requests (the corpus test sends them raw). */
class DesyncGuardTest {

    static Stream<Arguments> table() {
        return Stream.of(
                row(Tier.COMPLIANT, 0, "GET", "/a", "HTTP/1.1", "Host", "x"),
                row(Tier.COMPLIANT, 0, "POST", "/a", "HTTP/1.1", "Host", "x", "Content-Length", "5"),
                row(Tier.COMPLIANT, 0, "POST", "/a", "HTTP/1.1", "Host", "x", "Transfer-Encoding", "chunked"),
                row(Tier.COMPLIANT, 0, "POST", "/a", "HTTP/1.1", "Host", "x", "Transfer-Encoding", "identity, chunked"),
                row(Tier.COMPLIANT, 0, "GET", "/a", "HTTP/1.1", "Host", "x", "Content-Length", "0"),
                row(Tier.COMPLIANT, 0, "GET", "/a", "HTTP/1.0"),
                row(Tier.COMPLIANT, 0, "GET", "/a", "HTTP/1.1", "Host", "x", "X-Note", "caf\u00e9\ttab"),
                row(Tier.COMPLIANT, 0, "GET", "http://x/a?q", "HTTP/1.1", "Host", "x"),
                row(Tier.COMPLIANT, 0, "GET", "HTTPS://X:443", "HTTP/1.1", "Host", "x:443"),

                row(Tier.AMBIGUOUS, 0, "POST", "/a", "HTTP/1.1", "Host", "x", "Content-Length", "4", "Transfer-Encoding", "chunked"),
                row(Tier.AMBIGUOUS, 0, "PUT", "/a", "HTTP/1.1", "Host", "x", "Content-Length", "4", "Content-Length", "4"),
                row(Tier.AMBIGUOUS, 0, "GET", "/a", "HTTP/1.1", "Host", "x", "Content-Length", "4"),
                row(Tier.AMBIGUOUS, 0, "HEAD", "/a", "HTTP/1.1", "Host", "x", "Transfer-Encoding", "chunked"),
                row(Tier.AMBIGUOUS, 0, "POST", "/a", "HTTP/1.0", "Transfer-Encoding", "chunked"),
                row(Tier.AMBIGUOUS, 0, "POST", "/a", "HTTP/1.1", "Host", "x", "Transfer-Encoding", "identity"),
                row(Tier.AMBIGUOUS, 0, "POST", "/a", "HTTP/1.1", "Host", "x", "Transfer_Encoding", "chunked"),
                row(Tier.AMBIGUOUS, 0, "POST", "/a", "HTTP/1.1", "Host", "x", "content--length", "5"),

                row(Tier.SEVERE, 400, "GET", "/a", "HTTP/1.1", "Host", "x", "X-Note", "a\u0000b"),
                row(Tier.SEVERE, 400, "GET", "/a", "HTTP/1.1", "Host", "x", "X-Note", "a\rb"),
                row(Tier.SEVERE, 400, "GET", "/a", "HTTP/1.1", "Host", "x", "X-Note", "a\u0001b"),
                row(Tier.SEVERE, 400, "GET", "/a", "HTTP/1.1", "Host", "x", "X\u0000Note", "a"),
                row(Tier.SEVERE, 400, "GET", "/a", "HTTP/1.1", "Host", "x", "", "a"),
                row(Tier.SEVERE, 400, "POST", "/a", "HTTP/1.1", "Host", "x", "Content-Length", "5", "Content-Length", "6"),
                row(Tier.SEVERE, 400, "POST", "/a", "HTTP/1.1", "Host", "x", "Content-Length", "+5"),
                row(Tier.SEVERE, 400, "POST", "/a", "HTTP/1.1", "Host", "x", "Content-Length", "18446744073709551616"),
                row(Tier.SEVERE, 400, "POST", "/a", "HTTP/1.1", "Host", "x", "Content-Length", "9007199254740992"),
                row(Tier.COMPLIANT, 0, "POST", "/a", "HTTP/1.1", "Host", "x", "Content-Length", "9007199254740991"),
                row(Tier.SEVERE, 400, "POST", "/a", "HTTP/1.1", "Host", "x", "Transfer-Encoding", "chunked", "Transfer-Encoding", "chunked"),
                row(Tier.SEVERE, 400, "POST", "/a", "HTTP/1.1", "Host", "x", "Transfer-Encoding", "chunked, chunked"),
                row(Tier.SEVERE, 400, "POST", "/a", "HTTP/1.1", "Host", "x", "Transfer-Encoding", "chunked, identity"),
                row(Tier.SEVERE, 400, "POST", "/a", "HTTP/1.1", "Host", "x", "Transfer-Encoding", "chunked\u00a0"),
                row(Tier.SEVERE, 501, "POST", "/a", "HTTP/1.1", "Host", "x", "Transfer-Encoding", "gzip, chunked"),
                row(Tier.SEVERE, 501, "POST", "/a", "HTTP/1.1", "Host", "x", "Transfer-Encoding", "xchunked"),
                row(Tier.SEVERE, 400, "GET", "/a\u0001", "HTTP/1.1", "Host", "x"),
                row(Tier.SEVERE, 400, "GET", "/caf\u00e9", "HTTP/1.1", "Host", "x"),
                row(Tier.SEVERE, 400, "GET", "*", "HTTP/1.1", "Host", "x"),
                row(Tier.SEVERE, 400, "GET", "", "HTTP/1.1", "Host", "x"),
                row(Tier.SEVERE, 400, "CONNECT", "x:443", "HTTP/1.1", "Host", "x:443"),
                row(Tier.SEVERE, 400, "GET", "http://y/a", "HTTP/1.1", "Host", "x"),
                row(Tier.SEVERE, 400, "GET", "ftp://x/a", "HTTP/1.1", "Host", "x"),
                row(Tier.SEVERE, 400, "GET", "/a", "HTTP/1.1", "Host", "x", "Host", "y"),
                row(Tier.SEVERE, 400, "GET", "/a", "HTTP/1.2", "Host", "x"),
                row(Tier.SEVERE, 400, "GET", "/a", "HTTP/1.1", "Host", "x", "X-Big", "b".repeat(RequestChecks.MAX_SINGLE_HEADER_BYTES)));
    }

    @ParameterizedTest(name = "{0} {1}: {3} {4} {5} {6}")
    @MethodSource("table")
    void classifiesAsTheGuardianDoes(Tier tier, int status, String method, String target, String version, List<Map.Entry<String, String>> headers) {
        DesyncGuard.Verdict verdict = DesyncGuard.classify(method, target, version, headers);
        assertThat(verdict.tier()).as(verdict.reason()).isEqualTo(tier);
        if (tier == Tier.SEVERE) {
            assertThat(verdict.refusal().status()).isEqualTo(status);
            assertThat(verdict.refusal().reason()).isNotBlank().doesNotContainPattern("[\\x00-\\x1f\\x7f]");
        } else if (tier == Tier.AMBIGUOUS) {
            assertThat(verdict.reason()).isNotBlank();
        }
    }

    @Test
    void aCompliantRequestCostsNoVerdictObject() {
        assertThat(DesyncGuard.classify("GET", "/", "HTTP/1.1", List.of(Map.entry("Host", "x")))).isSameAs(DesyncGuard.Verdict.COMPLIANT);
    }

    @Test
    void namesThatNormaliseIntoTheFramingHeadersAreSpotted() {
        assertThat(DesyncGuard.looksLike("Transfer_Encoding", "transferencoding")).isTrue();
        assertThat(DesyncGuard.looksLike("TRANSFER---ENCODING", "transferencoding")).isTrue();
        assertThat(DesyncGuard.looksLike("X-Transfer-Encoding", "transferencoding")).isFalse();
        assertThat(DesyncGuard.looksLike("Content-Lengths", "contentlength")).isFalse();
    }

    private static Arguments row(Tier tier, int status, String method, String target, String version, String... nameValues) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.add(Map.entry(nameValues[i], nameValues[i + 1]));
        }
        return Arguments.of(tier, status, method, target, version, headers);
    }
}
