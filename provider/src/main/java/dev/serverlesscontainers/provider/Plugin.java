package dev.serverlesscontainers.provider;

import java.io.PrintStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The plugin's life, as the Pulumi engine expects it: read the engine's address from the command
 * line, serve the provider protocol on 127.0.0.1, write the port as the first and only line on
 * stdout, log to stderr, and stop when the engine cancels, sends SIGINT/SIGTERM, or goes away.
 */
final class Plugin {
    /** Exit codes: 0 stopped normally, 2 started wrongly. */
    static final int OK = 0;
    static final int USAGE = 2;

    /**
     * The Pulumi Java SDK opens channels to the monitor and engine for every Construct and never
     * closes them; gRPC closes them once collected and would print a stack trace for each. Kept in a
     * field: java.util.logging forgets the level of a logger nobody holds.
     */
    private static final Logger ORPHANED_CHANNELS = Logger.getLogger("io.grpc.internal.ManagedChannelOrphanWrapper");

    private Plugin() {}

    static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        PluginArguments arguments;
        try {
            arguments = PluginArguments.parse(args);
        } catch (IllegalArgumentException e) {
            stderr.println("pulumi-resource-serverless-containers: " + e.getMessage());
            return USAGE;
        }
        // the engine reads the port from the first line of stdout; nothing else may ever be written there
        System.setOut(stderr);
        ORPHANED_CHANNELS.setLevel(Level.OFF);
        var server = new ServerHolder();
        var service = new ProviderService(arguments.engineAddress(), PackageResources.version(), PackageResources.schema(), System.getenv(),
                stderr, server::shutdown);
        server.set(ProviderServer.start(service));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "plugin-shutdown"));
        stdout.println(server.get().port());
        stdout.flush();
        try (var watch = EngineWatch.start(arguments.engineAddress(), () -> {
            stderr.println("serverless-containers: the Pulumi engine at " + arguments.engineAddress() + " no longer answers; stopping");
            server.shutdown();
        })) {
            server.get().awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        return OK;
    }

    /** The server, reachable from callbacks created before it started. */
    private static final class ServerHolder {
        private volatile ProviderServer server;

        void set(ProviderServer s) {
            server = s;
        }

        ProviderServer get() {
            return server;
        }

        void shutdown() {
            if (server != null) {
                server.shutdown();
            }
        }

        void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
