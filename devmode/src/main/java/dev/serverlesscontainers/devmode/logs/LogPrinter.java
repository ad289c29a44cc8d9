package dev.serverlesscontainers.devmode.logs;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Prints log lines for a person: each line behind its container's {@code [name]}, names aligned and
 * (on a terminal) coloured, JSON log lines on one line with their level and message first
 * ({@link JsonLogLine}), scf-dev's own lines marked with {@code --}. The control plane's log stream
 * carries every line as the app wrote it.
 */
public final class LogPrinter implements Consumer<LogEntry> {
    /** The name scf-dev's own lines (listing, requests) are printed under. */
    public static final String SESSION = "scf-dev";
    /** UTC to the millisecond, always as long: lines of a file stay aligned and sort as text. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final PrintWriter out;
    private final boolean colour;
    private final Map<String, Integer> colours = new HashMap<>();
    private final int width;
    private final Clock clock;

    public LogPrinter(PrintWriter out, boolean colour, List<String> containerNames) {
        this(out, colour, containerNames, null);
    }

    /** @param timestamps when not null, each line starts with its time, for a file read later */
    public LogPrinter(PrintWriter out, boolean colour, List<String> containerNames, Clock timestamps) {
        this.out = out;
        this.colour = colour;
        this.clock = timestamps;
        int w = SESSION.length();
        for (String n : containerNames) {
            colours.put(n, colours.size());
            w = Math.max(w, n.length());
        }
        this.width = w + 2;
    }

    @Override
    public void accept(LogEntry entry) {
        boolean ours = entry.source() == LogEntry.Source.SCF_DEV;
        List<String> lines = ours ? own(entry.text()) : render(entry.text(), colour);
        print(entry.time(), entry.container(), lines, ours);
    }

    /** A line of scf-dev's own, under {@code [scf-dev]}. */
    public void session(String text) {
        print(clock == null ? null : clock.instant(), SESSION, List.of(text), false);
    }

    private void print(Instant time, String name, List<String> lines, boolean dim) {
        String tag = pad("[" + name + "]");
        if (clock != null) {
            tag = TIME.format(time) + " " + tag;
        }
        if (colour) {
            Integer index = colours.get(name);
            String c = index == null ? Ansi.DIM : Ansi.colour(index);
            tag = c + tag + Ansi.RESET;
        }
        synchronized (out) {
            for (String line : lines) {
                out.println(tag + (dim && colour ? Ansi.DIM + line + Ansi.RESET : line));
            }
            out.flush();
        }
    }

    private String pad(String tag) {
        return tag + " ".repeat(Math.max(0, width - tag.length()) + 1);
    }

    /** scf-dev's own text: its first line marked, the rest (an app's last lines) indented under it, every one behind the name. */
    static List<String> own(String text) {
        List<String> lines = new ArrayList<>();
        text.lines().forEach(l -> lines.add((lines.isEmpty() ? "-- " : "   ") + l));
        return lines.isEmpty() ? List.of("--") : lines;
    }

    /** A JSON object becomes a line for people (and one per line of a multi-line field); anything else stays as it is. */
    static List<String> render(String text, boolean colour) {
        return JsonLogLine.render(text, colour).orElse(List.of(text));
    }
}
