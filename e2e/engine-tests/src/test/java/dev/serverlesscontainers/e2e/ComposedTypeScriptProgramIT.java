package dev.serverlesscontainers.e2e;

/** programs/composed-typescript under the real engine: the Node.js SDK generated from schema.json. */
class ComposedTypeScriptProgramIT extends ComposedProgramIT {
    ComposedTypeScriptProgramIT() {
        super("composed-typescript");
    }
}
