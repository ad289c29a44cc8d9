package dev.serverlesscontainers.provider;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line the Pulumi engine starts a resource plugin with: {@code [--logtostderr] [-v=N]
 * [--tracing ENDPOINT] ENGINE_ADDRESS}. The logging and tracing flags are accepted and ignored (this
 * plugin logs to stderr, which the engine shows); the one remaining argument is the engine's address.
 */
record PluginArguments(String engineAddress) {

    static PluginArguments parse(String[] args) {
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--logtostderr") || arg.equals("--logflow") || arg.startsWith("-v=")) {
                continue;
            }
            if (arg.equals("--tracing")) {
                i++; // its value
                continue;
            }
            if (arg.startsWith("--tracing=")) {
                continue;
            }
            positional.add(arg);
        }
        if (positional.size() != 1 || positional.get(0).isBlank() || positional.get(0).startsWith("-")) {
            throw new IllegalArgumentException("expected the Pulumi engine's address as the only argument"
                    + " (besides --logtostderr, -v=N and --tracing ENDPOINT), got " + (args.length == 0 ? "no arguments" : String.join(" ", args))
                    + "; this program is started by the Pulumi CLI, see `pulumi package add`");
        }
        return new PluginArguments(positional.get(0));
    }
}
