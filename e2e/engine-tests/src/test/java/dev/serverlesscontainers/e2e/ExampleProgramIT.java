package dev.serverlesscontainers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * One example program (examples/hello deployed from one language) under the real engine, step after
 * step on one simulated account, as a user's project lives: preview, deploy, an unchanged preview, a
 * bad configuration, destroy (the unchanged preview and destroy are every program's, {@link
 * ProgramOnAccount}); a subclass lays out its program and adds the package. A code change and a second
 * stage ({@link CodeAndStageSteps}) are taken once in-process and once through the plugin, what the
 * component orders among its children once ({@link JavaProgramIT}): their outcome does not depend on
 * the program's language.
 */
abstract class ExampleProgramIT extends ProgramOnAccount {
    /** @param name the folder under target/engine-tests, and what the workspace is named by */
    ExampleProgramIT(String name) {
        super(name);
    }

    /** Configuration of the {@code dev} stack before its first {@code up}. */
    void configureDev() {}

    public Path config() {
        return workspace.resolve("hello/serverless.containers.yml");
    }

    public Path workspace() {
        return workspace;
    }

    public PulumiCli pulumi() {
        return pulumi;
    }

    public SimulatedAccount account() {
        return account;
    }

    @Test
    @Order(10)
    void previewDeclaresWhatTheMockTestsRecord() {
        Preview preview = Preview.of(pulumi.ok("preview", "--json"));

        assertThat(preview.created())
                .containsExactlyInAnyOrderElementsOf(Listing.resources(workspace.resolve("hello/resources.dev.txt")));
    }

    @Test
    @Order(20)
    void upCreatesEverythingAndOutputsWhatTheSchemaTypes() throws IOException {
        configureDev();
        pulumi.ok("up", "--yes", "--skip-preview");

        JsonNode outputs = JSON.readTree(pulumi.ok("stack", "output", "--json", "--show-secrets").stdout());
        assertThat(outputs.path("url").asText()).matches("https://d[0-9a-z]+\\.cloudfront\\.net/?");
        SchemaTypes.assertOutputsMatch(outputs);
        assertThat(outputs.path("containers").fieldNames()).toIterable().containsExactlyInAnyOrder("admin", "api", "web");
        assertThat(account.resources()).extracting(SimulatedAccount.Resource::logicalName).contains("hello-dev-vpc");
    }

    @Test
    @Order(90)
    void aBadConfigurationFailsThePreviewWithALocatedMessageAndNoStackTrace() throws IOException {
        String good = Files.readString(config());
        Files.writeString(config(), good.replaceFirst("type: awsFargateEcs", "type: awsFargate"));
        try {
            PulumiCli.Result result = pulumi.run("preview");

            assertThat(result.exitCode()).isNotZero();
            assertThat(result.output()).containsPattern("serverless\\.containers\\.yml:\\d+:\\d+ containers\\.web\\.compute\\.type: ");
            NoStackTraces.assertNone(result.output());
        } finally {
            Files.writeString(config(), good);
        }
    }
}
