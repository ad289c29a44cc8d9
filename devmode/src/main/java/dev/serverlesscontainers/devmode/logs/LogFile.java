package dev.serverlesscontainers.devmode.logs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code --log-file}: what the terminal shows of the containers, and the request log, as plain text
 * in a file, each line with its time. Never coloured, whatever the terminal does.
 */
public final class LogFile implements Consumer<LogEntry>, AutoCloseable {
    private final Path path;
    private final PrintWriter writer;
    private final LogPrinter printer;

    private LogFile(Path path, PrintWriter writer, List<String> containerNames, Clock clock) {
        this.path = path;
        this.writer = writer;
        this.printer = new LogPrinter(writer, false, containerNames, clock);
    }

    /** Creates or empties {@code path}: the file holds one run. */
    public static LogFile open(Path path, List<String> containerNames, Clock clock) throws IOException {
        PrintWriter writer = new PrintWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8));
        return new LogFile(path, writer, containerNames, clock);
    }

    @Override
    public void accept(LogEntry entry) {
        printer.accept(entry);
    }

    /** A line of the request log (or another of scf-dev's own), under {@code [scf-dev]}. */
    public void session(String line) {
        printer.session(line);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        synchronized (writer) {
            writer.close();
        }
    }
}
