package dev.serverlesscontainers.devmode.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.serverlesscontainers.devmode.runtime.LogSink.Stream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LogLinesTest {
    private final TestApps.RecordedLogs sink = new TestApps.RecordedLogs();
    private final LogLines lines = new LogLines(sink, "api", "abc123");

    private void frame(StreamType type, byte[] payload) {
        lines.onNext(new Frame(type, payload));
    }

    @Test
    void framesThatEndMidLineOrMidCharacterBecomeWholeLinesPerStream() {
        byte[] accented = "café au lait\n".getBytes(StandardCharsets.UTF_8);
        int midCharacter = 4; // 'é' is two bytes, starting at index 3
        frame(StreamType.STDOUT, "first li".getBytes(StandardCharsets.UTF_8));
        frame(StreamType.STDERR, "an error\r\nanother".getBytes(StandardCharsets.UTF_8));
        frame(StreamType.STDOUT, "ne\nsecond line\n".getBytes(StandardCharsets.UTF_8));
        frame(StreamType.STDOUT, Arrays.copyOfRange(accented, 0, midCharacter));
        frame(StreamType.STDOUT, Arrays.copyOfRange(accented, midCharacter, accented.length));
        frame(StreamType.STDERR, " error, unfinished".getBytes(StandardCharsets.UTF_8));

        assertThat(sink.texts("abc123", Stream.STDOUT)).containsExactly("first line", "second line", "café au lait");
        assertThat(sink.texts("abc123", Stream.STDERR)).containsExactly("an error");

        lines.onComplete();
        assertThat(sink.texts("abc123", Stream.STDERR)).containsExactly("an error", "another error, unfinished");
        assertThat(sink.lines).allMatch(l -> l.container().equals("api"));
    }

    @Test
    void aLineWithoutNewlineIsPassedOnInPiecesRatherThanHeldForever() {
        frame(StreamType.STDOUT, "x".repeat(LogLines.MAX_LINE_BYTES + 10).getBytes(StandardCharsets.UTF_8));
        assertThat(sink.texts("abc123", Stream.STDOUT)).singleElement().asString().hasSize(LogLines.MAX_LINE_BYTES);
    }
}
