package dev.serverlesscontainers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

/** What a user sees must not hold a Java stack trace (a frame line, or an exception's class name). */
final class NoStackTraces {
    private static final Pattern FRAME = Pattern.compile("^\\s+at [\\w$.]+\\(.*\\)$", Pattern.MULTILINE);
    private static final Pattern EXCEPTION = Pattern.compile("\\b(java|io\\.grpc|com\\.pulumi)[\\w.]*(Exception|Error)\\b");

    private NoStackTraces() {}

    static void assertNone(String output) {
        assertThat(FRAME.matcher(output).find()).as("a stack frame in:%n%s", output).isFalse();
        assertThat(EXCEPTION.matcher(output).find()).as("an exception class in:%n%s", output).isFalse();
    }
}
