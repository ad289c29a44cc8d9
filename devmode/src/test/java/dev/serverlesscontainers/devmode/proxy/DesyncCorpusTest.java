package dev.serverlesscontainers.devmode.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.LogCapture;
import dev.serverlesscontainers.devmode.testing.RecordingBackend;
import dev.serverlesscontainers.model.config.ComputeType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Every entry of {@code desync/corpus.txt}, sent raw to the proxy in front of a strict backend: the
 * answer, whether the connection was closed, what the backend received, one access-log line with
 * the reason for each refusal, and not a warning or stack trace logged.
 */
@Timeout(120)
class DesyncCorpusTest {
    static final String CORPUS = "/desync/corpus.txt";

    /** One line of the corpus: the answer expected, whether the connection must then be closed, the input. */
    record Entry(int status, boolean closes, HostileInput input, int line) {
        boolean forwards() {
            return status == 200;
        }
    }

    private static ProxyHarness h;
    private static RecordingBackend backend;
    private static LogCapture log;

    @BeforeAll
    static void start() throws IOException {
        log = new LogCapture();
        backend = new RecordingBackend();
        h = ProxyHarness.single(ComputeType.AWS_FARGATE_ECS, UnaryOperator.identity());
        h.serve("web", backend.port());
    }

    @AfterAll
    static void stop() throws IOException {
        h.close();
        backend.close();
        log.close();
    }

    @TestFactory
    Stream<DynamicTest> everyEntryIsAnsweredAsTheAlbsDesyncMitigationDoes() throws IOException {
        return entries().stream().map(e -> DynamicTest.dynamicTest(e.line() + ": " + e.input().name(), () -> check(e)));
    }

    private static void check(Entry e) throws IOException {
        h.accessLog.clear();
        log.clear();
        HostileInput.Outcome outcome = e.input().send(h.port(), backend,
                e.closes() ? HostileInput.Then.IS_CLOSED : HostileInput.Then.SERVES_MORE);
        String seen = e.input().name() + ": " + outcome.describe();
        assertThat(outcome.status()).as(seen).isEqualTo(e.status());
        assertThat(outcome.closed()).as(seen + ": closed").isEqualTo(e.closes());
        assertThat(outcome.malformed()).as(seen + ": the backend could not frame what it got").isEmpty();
        if (e.status() != 400) {
            assertThat(outcome.truncated()).as(seen + ": a request broken off").isEmpty();
        }
        if (e.forwards()) {
            assertThat(outcome.forwarded()).as(seen + ": forwarded").hasSize(1);
            RecordingBackend.Request r = outcome.forwarded().get(0);
            assertThat(r.header("content-length").size() + r.header("transfer-encoding").size()).as(seen + ": one framing").isLessThanOrEqualTo(1);
        } else {
            assertThat(outcome.forwarded()).as(seen + ": forwarded").isEmpty();
            assertThat(outcome.reason()).as(seen + ": " + Failure.REASON_HEADER).isNotBlank();
            // (the access log may still get the line of an earlier entry's request: only this status counts)
            Await.until("the access line of " + e.input().name(), Duration.ofSeconds(5), () -> refusals(e.status()).size() > 0);
            assertThat(refusals(e.status())).as(seen + ": access log " + refusals(e.status())).hasSize(1);
            assertThat(refusals(e.status()).get(0).note()).as(seen + ": the reason in the access log").isEqualTo(outcome.reason());
            assertThat(refusals(e.status()).get(0).describe()).as(seen + ": one printable line").doesNotContainPattern("[\\x00-\\x1f]");
        }
        assertThat(log.problems()).as(seen + ": logged").isEmpty();
    }

    private static List<AccessLogEntry> refusals(int status) {
        return h.accessLog.stream().filter(l -> l.status() == status).toList();
    }

    static List<Entry> entries() throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(HostileInput.resource(CORPUS), StandardCharsets.ISO_8859_1))) {
            int n = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" \\| ", 3);
                if (parts.length != 3) {
                    throw new IllegalArgumentException(CORPUS + ":" + n + ": expected EXPECTED | name | bytes (got " + line + ")");
                }
                String[] expected = parts[0].trim().split(" ");
                entries.add(new Entry(Integer.parseInt(expected[0]), expected.length > 1 && expected[1].equals("close"),
                        new HostileInput(parts[1].trim(), HostileInput.unescape(parts[2])), n));
            }
        }
        return entries;
    }
}
