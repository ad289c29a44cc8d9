package dev.serverlesscontainers.e2e;

/**
 * examples/typescript under the real engine: the Node.js SDK generated from schema.json; the program
 * through the plugin that takes the {@link CodeAndStageSteps} (Python and Go reach the plugin the same way).
 */
class TypeScriptProgramIT extends PluginProgramIT implements CodeAndStageSteps {
    TypeScriptProgramIT() {
        super("typescript");
    }

    /**
     * The first preview type-checked the program against the generated SDK (Pulumi's default); the
     * later commands run the same TypeScript, so they only transpile it, as Pulumi does when
     * {@code PULUMI_NODEJS_TRANSPILE_ONLY} is true (a type check costs each command seconds of CPU).
     */
    @Override
    void configureDev() {
        super.configureDev();
        pulumi.with("PULUMI_NODEJS_TRANSPILE_ONLY", "true");
    }
}
