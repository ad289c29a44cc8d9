package dev.serverlesscontainers.e2e;

/** examples/typescript under the real engine: the Node.js SDK generated from schema.json. */
class TypeScriptProgramIT extends PluginProgramIT {
    TypeScriptProgramIT() {
        super("typescript");
    }
}
