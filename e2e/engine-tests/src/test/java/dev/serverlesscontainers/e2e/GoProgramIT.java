package dev.serverlesscontainers.e2e;

/** examples/go under the real engine: the Go SDK generated from schema.json, linked by a replace line. */
class GoProgramIT extends PluginProgramIT {
    GoProgramIT() {
        super("go");
    }
}
