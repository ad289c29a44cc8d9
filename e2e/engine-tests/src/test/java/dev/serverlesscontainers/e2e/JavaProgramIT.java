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
 * examples/java under the real engine, step after step on one simulated account, as a user's project
 * lives: preview, deploy, an unchanged preview, a code change, a second stage, a compute switch and
 * back, a bad configuration, destroy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class JavaProgramIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path workspace;
    private Path program;
    private PulumiCli pulumi;
    private SimulatedAccount account;

    @BeforeAll
    void prepare() throws IOException {
        workspace = Workspaces.fresh("java");
        program = JavaProgram.prepare(workspace);
        pulumi = new PulumiCli(Workspaces.repository(), workspace, program, Map.of());
        account = new SimulatedAccount(pulumi.account());
        pulumi.ok("login");
        pulumi.ok("stack", "init", "dev");
    }

    @Test
    @Order(1)
    void previewDeclaresWhatTheMockTestsRecord() {
        Preview preview = Preview.of(pulumi.ok("preview", "--json"));

        assertThat(preview.created())
                .containsExactlyInAnyOrderElementsOf(Listing.resources(workspace.resolve("hello/resources.dev.txt")));
    }

    @Test
    @Order(2)
    void upCreatesEverythingAndOutputsWhatTheSchemaTypes() throws IOException {
        pulumi.ok("up", "--yes", "--skip-preview");

        JsonNode outputs = JSON.readTree(pulumi.ok("stack", "output", "--json").stdout());
        assertThat(outputs.path("url").asText()).matches("https://d[0-9a-z]+\\.cloudfront\\.net/?");
        SchemaTypes.assertOutputsMatch(outputs);
        assertThat(outputs.path("containers").fieldNames()).toIterable().containsExactlyInAnyOrder("admin", "api", "web");
        assertThat(account.resources()).extracting(SimulatedAccount.Resource::logicalName).contains("hello-dev-vpc");
    }

    @Test
    @Order(3)
    void anUnchangedProgramPreviewsWithoutChanges() {
        pulumi.ok("preview", "--expect-no-changes");
    }

    @Test
    @Order(4)
    void aCodeChangeInOneContainerChangesOnlyThatContainersImageAndFunction() throws IOException {
        Path source = workspace.resolve("hello/api/index.js");
        Files.writeString(source, Files.readString(source) + "\n// changed by JavaProgramIT\n");

        Map<String, String> changes = Preview.of(pulumi.ok("preview", "--json")).changes();

        assertThat(changes.keySet()).isNotEmpty().allSatisfy(resource -> assertThat(resource).contains("-api-"));
        assertThat(changes).containsKey("docker:index/image:Image  hello-dev-api-image");
        long before = account.lastSeq();
        pulumi.ok("up", "--yes", "--skip-preview");
        pulumi.ok("preview", "--expect-no-changes");

        // old versions are pruned only once the alias has moved to the new one
        List<Event> events = account.eventsAfter(before);
        Event aliasMoved = SimulatedAccount.last(events, e -> e.name().equals("hello-dev-api-alias") && e.is("end", "update"))
                .orElseThrow(() -> new AssertionError("the api's alias did not move: " + events));
        Event pruned = SimulatedAccount.first(events, e -> e.name().equals("hello-dev-api-prune-versions") && e.phase().equals("start")
                && !e.operation().equals("delete")).orElseThrow(() -> new AssertionError("the api's versions were not pruned: " + events));
        assertThat(pruned.seq()).as("pruning starts after the alias moved").isGreaterThan(aliasMoved.seq());
    }

    @Test
    @Order(5)
    void aSecondStageLivesBesideTheFirstAndRefusesDevTrust() throws IOException {
        // a domain's DNS records exist once per zone, on AWS as in the simulator: a second stage in the
        // same account needs a domain of its own (dev keeps its domain, so dev does not change)
        Path config = workspace.resolve("hello/serverless.containers.yml");
        Files.writeString(config, Files.readString(config)
                .replace("domain: admin.hello.example.com", "domain: ${param:adminDomain}")
                .replace("      greeting: Hello\n", "      greeting: Hello\n      adminDomain: admin.hello.example.com\n")
                .replace("      greeting: Welcome\n", "      greeting: Welcome\n      adminDomain: admin.prod.hello.example.com\n"));
        pulumi.ok("preview", "--expect-no-changes");
        pulumi.ok("stack", "init", "prod");
        pulumi.ok("config", "set", "--path", "devTrustPrincipalArns[0]", "arn:aws:iam::123456789012:user/alice");
        PulumiCli.Result refused = pulumi.run("preview");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("devTrustPrincipalArns").contains("production stage");
        NoStackTraces.assertNone(refused.output());

        pulumi.ok("config", "rm", "devTrustPrincipalArns");
        pulumi.ok("up", "--yes", "--skip-preview");
        assertThat(account.resources()).extracting(SimulatedAccount.Resource::logicalName)
                .contains("hello-dev-vpc", "hello-prod-vpc", "hello-dev-api-fn", "hello-prod-api-fn");

        pulumi.ok("destroy", "--yes", "--skip-preview");
        assertThat(account.resources()).extracting(SimulatedAccount.Resource::logicalName)
                .noneMatch(name -> name.startsWith("hello-prod-"))
                .contains("hello-dev-vpc");
        pulumi.ok("stack", "select", "dev");
    }

    @Test
    @Order(6)
    void switchingComputeCreatesTheNewOneBeforeTrafficMovesAndDeletesTheOldOneAfter() throws IOException {
        Path config = workspace.resolve("hello/serverless.containers.yml");
        String lambda = Files.readString(config);

        long before = account.lastSeq();
        Files.writeString(config, ComputeSwitch.toFargate(lambda, "api"));
        pulumi.ok("up", "--yes", "--skip-preview");
        ComputeSwitch.assertOrdered(account.eventsAfter(before), "api", "aws:ecs/service:Service", "aws:lambda/function:Function");

        before = account.lastSeq();
        Files.writeString(config, lambda);
        pulumi.ok("up", "--yes", "--skip-preview");
        ComputeSwitch.assertOrdered(account.eventsAfter(before), "api", "aws:lambda/function:Function", "aws:ecs/service:Service");
        pulumi.ok("preview", "--expect-no-changes");
    }

    @Test
    @Order(7)
    void movingToAnExistingVpcReplacesWhatItMustWithoutANameCollision() throws IOException {
        String awsVpc = pulumi.shell("AWS_REGION=eu-west-1 \"$PULUMI_HOME/plugins/resource-aws-v6.83.0/pulumi-resource-aws\" seed-network existing")
                .stdout().trim();
        Path config = workspace.resolve("hello/serverless.containers.yml");
        String ownVpc = Files.readString(config);
        Files.writeString(config, ownVpc.replace("deployment:\n  type: aws@1.0\n", "deployment:\n  type: aws@1.0\n  awsVpc: " + awsVpc + "\n"));

        long before = account.lastSeq();
        pulumi.ok("up", "--yes", "--skip-preview");

        List<Event> events = account.eventsAfter(before);
        assertThat(events).as("operations the account refused").noneMatch(event -> event.phase().equals("failed"));
        assertThat(events).as("target groups move to the user's VPC by replacement")
                .anyMatch(event -> event.type().equals("aws:lb/targetGroup:TargetGroup") && event.is("end", "replace"));
        assertThat(account.resources()).extracting(SimulatedAccount.Resource::logicalName).doesNotContain("hello-dev-vpc");
        pulumi.ok("preview", "--expect-no-changes");
    }

    @Test
    @Order(9)
    void aBadConfigurationFailsThePreviewWithALocatedMessageAndNoStackTrace() throws IOException {
        Path config = workspace.resolve("hello/serverless.containers.yml");
        String good = Files.readString(config);
        Files.writeString(config, good.replaceFirst("type: awsFargateEcs", "type: awsFargate"));
        try {
            PulumiCli.Result result = pulumi.run("preview");

            assertThat(result.exitCode()).isNotZero();
            assertThat(result.output()).containsPattern("serverless\\.containers\\.yml:\\d+:\\d+ containers\\.web\\.compute\\.type: ");
            NoStackTraces.assertNone(result.output());
        } finally {
            Files.writeString(config, good);
        }
    }

    @Test
    @Order(10)
    void destroyLeavesTheAccountEmpty() {
        pulumi.ok("destroy", "--yes", "--skip-preview");

        List<SimulatedAccount.Resource> left = account.resources().stream().filter(r -> !r.seeded()).toList();
        assertThat(left).as("resources left in the simulated account").isEmpty();
        List<Event> failed = account.events().stream().filter(event -> event.phase().equals("failed")).toList();
        assertThat(failed).as("operations the account refused").isEmpty();
    }
}
