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
    void jsonLinesArePrettyPrinted() {
        hub(false).line("api", "pid 1", LogSink.Stream.STDOUT, "{\"level\":\"info\",\"msg\":\"up\",\"port\":8080}");
        assertThat(out.toString().lines()).containsExactly(
                "[api]     {",
                "[api]       \"level\" : \"info\",",
                "[api]       \"msg\" : \"up\",",
                "[api]       \"port\" : 8080",
                "[api]     }");
        assertThat(LogPrinter.render("{not json}")).containsExactly("{not json}");
        assertThat(LogPrinter.render("[1,2]")).containsExactly("[1,2]");
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
