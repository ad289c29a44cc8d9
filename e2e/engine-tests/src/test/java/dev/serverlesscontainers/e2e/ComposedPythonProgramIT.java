package dev.serverlesscontainers.e2e;

/** programs/composed-python under the real engine: the Python SDK generated from schema.json. */
class ComposedPythonProgramIT extends ComposedProgramIT {
    ComposedPythonProgramIT() {
        super("composed-python");
    }
}
