package dev.serverlesscontainers.devmode.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/** Builds commands with the streams and environment of this run, so that nothing reads the process directly. */
final class CommandFactory implements CommandLine.IFactory {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> environment;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(PrintWriter out, PrintWriter err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type == ValidateCommand.class) {
            return type.cast(new ValidateCommand(out, err, environment));
        }
        if (type == DevCommand.class) {
            return type.cast(new DevCommand(out, err, environment));
        }
        if (type == DebugConfigCommand.class) {
            return type.cast(new DebugConfigCommand(out, err, environment));
        }
        if (type == RunCommand.class) {
            return type.cast(new RunCommand(err, environment));
        }
        return fallback.create(type);
    }
}
