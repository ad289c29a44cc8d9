package dev.serverlesscontainers.devmode.supervisor;

import java.time.Duration;
import java.util.List;

/** Wording shared by the supervisor's messages. */
final class Reports {
    private Reports() {}

    static String lines(List<String> output) {
        if (output.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("\nlast lines:");
        output.forEach(l -> b.append("\n  ").append(l));
        return b.toString();
    }

    static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
