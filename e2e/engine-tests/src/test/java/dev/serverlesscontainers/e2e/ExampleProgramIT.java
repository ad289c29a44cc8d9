package dev.serverlesscontainers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesscontainers.e2e.SimulatedAccount.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * One example program (examples/hello deployed from one language) under the real engine, step after
 * step on one simulated account, as a user's project lives: preview, deploy, an unchanged preview, a
 * bad configuration, destroy. The steps are the same in every language (the component declares the
 * same resources whichever language runs it); a subclass lays out its program and adds the package.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
abstract class ExampleProgramIT {
    static final ObjectMapper JSON = new ObjectMapper();
    private final String name;
    Path workspace;
    PulumiCli pulumi;
    SimulatedAccount account;

    /** @param name the folder under target/engine-tests, and what the workspace is named by */
    ExampleProgramIT(String name) {
        this.name = name;
    }

    /** Lays out the program (and examples/hello beside it) in {@code workspace}; returns the program's folder. */
    abstract Path layOut(Path workspace) throws IOException;

    /** What the program needs before its first stack: the package added, its dependencies installed. */
    void install() {}

    /** Configuration of the {@code dev} stack before its first {@code up}. */
    void configureDev() {}

    @BeforeAll
    void prepare() throws IOException {
        workspace = Workspaces.fresh(name);
        Path program = layOut(workspace);
        pulumi = new PulumiCli(Workspaces.repository(), workspace, program, Map.of());
        account = new SimulatedAccount(pulumi.account());
        pulumi.ok("login");
        install();
        pulumi.ok("stack", "init", "dev");
    }

    Path config() {
        return workspace.resolve("hello/serverless.containers.yml");
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
    @Order(30)
    void anUnchangedProgramPreviewsWithoutChanges() {
        pulumi.ok("preview", "--expect-no-changes");
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

    @Test
    @Order(100)
    void destroyLeavesTheAccountEmpty() {
        pulumi.ok("destroy", "--yes", "--skip-preview");

        List<SimulatedAccount.Resource> left = account.resources().stream().filter(r -> !r.seeded()).toList();
        assertThat(left).as("resources left in the simulated account").isEmpty();
        List<Event> failed = account.events().stream().filter(event -> event.phase().equals("failed")).toList();
        assertThat(failed).as("operations the account refused").isEmpty();
    }
}
