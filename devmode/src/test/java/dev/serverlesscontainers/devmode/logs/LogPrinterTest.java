package dev.serverlesscontainers.devmode.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.runtime.LogSink;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogPrinterTest {
    private final StringWriter out = new StringWriter();

    private LogHub hub(boolean colour) {
        LogHub hub = new LogHub();
        hub.subscribe(new LogPrinter(new PrintWriter(out), colour, List.of("api", "website")));
        return hub;
    }

    @Test
    void linesCarryAnAlignedNamePrefix() {
        LogHub hub = hub(false);
        hub.line("api", "pid 1", LogSink.Stream.STDOUT, "listening");
        hub.line("website", "pid 2", LogSink.Stream.STDERR, "warning: slow");
        hub.event("api", "reloaded in 120 ms");
        assertThat(out.toString().lines()).containsExactly(
                "[api]     listening",
                "[website] warning: slow",
                "[api]     -- reloaded in 120 ms");
    }

    @Test
    void everyLineOfAnEventOfSeveralLinesCarriesTheName() {
        hub(false).event("api", "pid 7 exited with code 3; restarting in 1 s\nlast lines:\n  Error: boom");
        assertThat(out.toString().lines()).containsExactly(
                "[api]     -- pid 7 exited with code 3; restarting in 1 s",
                "[api]        last lines:",
                "[api]          Error: boom");
    }

    @Test
    void aJsonLineIsOneLineWithItsLevelAndMessageFirst() {
        LogHub hub = hub(false);
        hub.line("api", "pid 1", LogSink.Stream.STDOUT, "{\"time\":\"12:00:01\",\"msg\":\"up\",\"level\":\"info\",\"port\":8080}");
        hub.line("website", "pid 2", LogSink.Stream.STDOUT, "{\"level\": \"info\", \"msg\": \"\\\"GET /health HTTP/1.1\\\" 200 -\"}");
        hub.line("api", "pid 1", LogSink.Stream.STDERR, "{\"level\":50,\"msg\":\"db down\",\"req\":{\"id\":7,\"path\":\"/x\"},"
                + "\"tags\":[\"a\",\"b\"],\"ok\":false,\"user\":null,\"note\":\"two words\",\"empty\":\"\"}");
        hub.line("api", "pid 1", LogSink.Stream.STDOUT, "{\"status\":200,\"ms\":3.5}");
        assertThat(out.toString().lines()).containsExactly(
                "[api]     INFO  up time=12:00:01 port=8080",
                "[website] INFO  \"GET /health HTTP/1.1\" 200 -",
                "[api]     ERROR db down req={\"id\":7,\"path\":\"/x\"} tags=[\"a\",\"b\"] ok=false user=null note=\"two words\" empty=\"\"",
                "[api]     status=200 ms=3.5");
    }

    @Test
    void levelsOfTheUsualLoggersAreNamedAlike() {
        assertThat(JsonLogLine.level(30, false)).isEqualTo("INFO ");
        assertThat(JsonLogLine.level(40, false)).isEqualTo("WARN ");
        assertThat(JsonLogLine.level(60, false)).isEqualTo("FATAL");
        assertThat(JsonLogLine.level(20, false)).isEqualTo("DEBUG");
        assertThat(JsonLogLine.level("warning", false)).isEqualTo("WARN ");
        assertThat(LogPrinter.render("{\"severity\":\"ERROR\",\"message\":\"x\"}", false)).containsExactly("ERROR x");
        assertThat(LogPrinter.render("{\"levelname\":\"INFO\",\"event\":\"user logged in\",\"user\":\"ann\"}", false))
                .containsExactly("INFO  user logged in user=ann");
    }

    @Test
    void aMultiLineFieldFollowsOnLinesOfItsOwn() {
        hub(false).line("api", "pid 1", LogSink.Stream.STDERR,
                "{\"level\":\"error\",\"msg\":\"boom\",\"stack\":\"Error: boom\\n    at f (a.js:1)\\n    at g (a.js:2)\",\"id\":1}");
        assertThat(out.toString().lines()).containsExactly(
                "[api]     ERROR boom id=1",
                "[api]       stack:",
                "[api]         Error: boom",
                "[api]             at f (a.js:1)",
                "[api]             at g (a.js:2)");
    }

    @Test
    void onATerminalTheLevelIsColouredAndTheKeysDimmed() {
        hub(true).line("api", "pid 1", LogSink.Stream.STDOUT, "{\"level\":\"warn\",\"msg\":\"slow\",\"ms\":900}");
        assertThat(out.toString()).contains(JsonLogLine.YELLOW + "WARN " + Ansi.RESET + " slow " + Ansi.DIM + "ms=" + Ansi.RESET + "900");
    }

    @Test
    void anythingButAJsonObjectIsPrintedAsItIs() {
        assertThat(LogPrinter.render("{not json}", false)).containsExactly("{not json}");
        assertThat(LogPrinter.render("[1,2]", false)).containsExactly("[1,2]");
        assertThat(LogPrinter.render("  plain text  ", false)).containsExactly("  plain text  ");
        assertThat(LogPrinter.render("{\"msg\":\"x\"} trailing", false)).containsExactly("{\"msg\":\"x\"} trailing");
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() {
        hub(true).line("api", "pid 1", LogSink.Stream.STDOUT, "hi");
        assertThat(out.toString()).startsWith("\u001b[36m[api]").contains("\u001b[0m");
        assertThat(Ansi.enabled(Map.of(), true)).isTrue();
        assertThat(Ansi.enabled(Map.of(), false)).isFalse();
        assertThat(Ansi.enabled(Map.of("NO_COLOR", "1"), true)).isFalse();
        assertThat(Ansi.enabled(Map.of("NO_COLOR", ""), true)).isTrue();
        assertThat(Ansi.enabled(Map.of("TERM", "dumb"), true)).isFalse();
    }

    @Test
    void everyLineIsRedactedBeforeAnyoneSeesIt() {
        LogHub hub = new LogHub(java.time.Clock.systemUTC(), text -> text.replace("s3cr3t", "****"));
        hub.subscribe(new LogPrinter(new PrintWriter(out), false, List.of("api")));
        hub.line("api", "pid 1", LogSink.Stream.STDOUT, "token=s3cr3t");
        assertThat(out.toString()).contains("token=****").doesNotContain("s3cr3t");
        assertThat(hub.lastOutput("api", "pid 1", 1)).containsExactly("token=****");
    }

    @Test
    void theHubKeepsTheLastLinesOfEachInstance() {
        LogHub hub = new LogHub();
        for (int i = 0; i < LogHub.KEPT_LINES + 5; i++) {
            hub.line("api", "pid 1", LogSink.Stream.STDOUT, "line " + i);
        }
        hub.line("web", "pid 2", LogSink.Stream.STDOUT, "other");
        hub.event("api", "crashed");
        assertThat(hub.lastOutput("api", "pid 1", 2)).containsExactly("line 203", "line 204");
        assertThat(hub.recent("api", 1)).extracting(LogEntry::text).containsExactly("crashed");
        assertThat(hub.recent(null, 500)).hasSize(LogHub.KEPT_LINES + 1);
    }
}
