package dev.serverlesscontainers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * An example program in another language than Java, as its README tells users to run it: the package
 * added from this repository ({@code pulumi package add}: the engine starts the plugin from source,
 * the program's language host generates and links the SDK), then preview, deploy, an unchanged
 * preview, a secret kept secret, and destroy, on a simulated account.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
abstract class PluginProgramIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String example;
    private final boolean passesSecretEnvironment;
    Path workspace;
    PulumiCli pulumi;
    SimulatedAccount account;

    PluginProgramIT(String example, boolean passesSecretEnvironment) {
        this.example = example;
        this.passesSecretEnvironment = passesSecretEnvironment;
    }

    @BeforeAll
    void addThePackageFromTheRepository() throws IOException {
        workspace = Workspaces.fresh(example);
        Workspaces.copyExample("hello", workspace);
        Path program = Workspaces.copyExample(example, workspace);
        // the example's `packages:` entry points at the repository relatively; `package add` writes it anew
        Path project = program.resolve("Pulumi.yaml");
        String text = Files.readString(project);
        int packages = text.indexOf("# written by `pulumi package add");
        Files.writeString(project, packages < 0 ? text : text.substring(0, packages));
        pulumi = new PulumiCli(Workspaces.repository(), workspace, program, Map.of());
        account = new SimulatedAccount(pulumi.account());

        pulumi.ok("login");
        pulumi.ok("package", "add", Workspaces.repository().toString());
        pulumi.ok("install");
        pulumi.ok("stack", "init", "dev");
    }

    @Test
    @Order(1)
    void previewDeclaresWhatTheJavaComponentDeclares() {
        Preview preview = Preview.of(pulumi.ok("preview", "--json"));

        assertThat(preview.created())
                .containsExactlyInAnyOrderElementsOf(Listing.resources(workspace.resolve("hello/resources.dev.txt")));
    }

    @Test
    @Order(2)
    void upDeploysAndOutputsWhatTheSchemaTypes() throws IOException {
        if (passesSecretEnvironment) {
            pulumi.ok("config", "set", "--secret", "logLevel", "debug");
        }
        pulumi.ok("up", "--yes", "--skip-preview");

        JsonNode outputs = JSON.readTree(pulumi.ok("stack", "output", "--json", "--show-secrets").stdout());
        assertThat(outputs.path("url").asText()).matches("https://d[0-9a-z]+\\.cloudfront\\.net/?");
        SchemaTypes.assertOutputsMatch(outputs);
        assertThat(outputs.path("containers").fieldNames()).toIterable().containsExactlyInAnyOrder("admin", "api", "web");
    }

    @Test
    @Order(3)
    void aSecretPassedToTheComponentStaysCiphertextInTheState() throws IOException {
        if (!passesSecretEnvironment) {
            return;
        }
        String export = pulumi.ok("stack", "export").stdout();
        JsonNode function = StackExport.resource(JSON.readTree(export), "aws:lambda/function:Function", "hello-dev-api-fn");

        assertThat(StackExport.isSecret(function.path("inputs").path("environment"))).as("the function's environment input is a secret").isTrue();
        assertThat(StackExport.isSecret(function.path("outputs").path("environment"))).as("the function's environment output is a secret").isTrue();
        assertThat(export).doesNotContain("\"LOG_LEVEL\": \"debug\"").doesNotContain("\"LOG_LEVEL\":\"debug\"");
    }

    @Test
    @Order(4)
    void anUnchangedProgramPreviewsWithoutChanges() {
        pulumi.ok("preview", "--expect-no-changes");
    }

    @Test
    @Order(10)
    void destroyLeavesTheAccountEmpty() {
        pulumi.ok("destroy", "--yes", "--skip-preview");

        assertThat(account.resources()).as("resources left in the simulated account").isEmpty();
    }
}
