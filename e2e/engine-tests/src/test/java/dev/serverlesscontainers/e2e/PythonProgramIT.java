package dev.serverlesscontainers.e2e;

/** examples/python under the real engine: the Python SDK generated from schema.json, in a virtualenv. */
class PythonProgramIT extends PluginProgramIT {
    PythonProgramIT() {
        super("python");
    }

    /** As the example's README says: the package added, then {@code pulumi install} creates the virtualenv. */
    @Override
    void install() {
        super.install();
        pulumi.ok("install");
    }
}
