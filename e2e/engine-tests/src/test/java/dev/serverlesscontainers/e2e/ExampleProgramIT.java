package dev.serverlesscontainers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesscontainers.e2e.SimulatedAccount.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * code change, a second stage, a compute switch and back, a move that forces replacements, a bad
 * configuration, destroy. The steps are the same in every language (the component declares the same
 * resources whichever language runs it); a subclass lays out its program and adds the package.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
abstract class ExampleProgramIT {
    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * What a change of examples/hello/api's code previews, by resource: a new image, the function on
     * it, and what a new function image means for the function's published version (the health-check
     * invocation of the new version and the {@code live} alias). Nothing of the other containers, the
     * network or the edge.
     */
    static final Map<String, String> API_CODE_CHANGE = Map.of(
            "docker:index/image:Image  hello-dev-api-image", "update",
            "aws:lambda/function:Function  hello-dev-api-fn", "update",
            "aws:lambda/invocation:Invocation  hello-dev-api-health-check", "replace",
            "aws:lambda/alias:Alias  hello-dev-api-alias", "update",
            "aws:lambda/invocation:Invocation  hello-dev-api-prune-versions", "replace");

    private final String name;
    /** Events of operations a step made fail on purpose (by faults.json), which the account was right to refuse. */
    final Set<Long> provokedFailures = new HashSet<>();
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
    @Order(40)
    void aCodeChangeInOneContainerChangesExactlyItsImageAndWhatDependsOnIt() throws IOException {
        Path source = workspace.resolve("hello/api/index.js");
        Files.writeString(source, Files.readString(source) + "\n// changed by " + getClass().getSimpleName() + "\n");

        Map<String, String> changes = Preview.of(pulumi.ok("preview", "--json")).changes();

        assertThat(changes).as("what a code change in the api previews").isEqualTo(API_CODE_CHANGE);
        long before = account.lastSeq();
        pulumi.ok("up", "--yes", "--skip-preview");
        assertThat(account.eventsAfter(before)).as("what the up changed in the account")
                .filteredOn(event -> event.phase().equals("end"))
                .extracting(event -> Urns.typeAndName(event.urn()))
                .containsOnlyElementsOf(API_CODE_CHANGE.keySet());
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
    @Order(50)
    void aSecondStageLivesBesideTheFirstAndRefusesDevTrust() throws IOException {
        // a domain's DNS records exist once per zone, on AWS as in the simulator: a second stage in the
        // same account needs a domain of its own (dev keeps its domain, so dev does not change)
        Files.writeString(config(), Files.readString(config())
                .replace("domain: admin.hello.example.com", "domain: ${param:adminDomain}")
                .replace("      greeting: Hello\n", "      greeting: Hello\n      adminDomain: admin.hello.example.com\n")
                .replace("      greeting: Welcome\n", "      greeting: Welcome\n      adminDomain: admin.prod.hello.example.com\n"));
        pulumi.ok("preview", "--expect-no-changes");
        pulumi.ok("stack", "init", "prod");
        try {
            deployAProductionStageBesideDev();
        } finally {
            pulumi.run("stack", "select", "dev"); // the later steps work on dev, even when this one failed
        }
    }

    private void deployAProductionStageBesideDev() {
        pulumi.ok("config", "set", "--path", "devTrustPrincipalArns[0]", "arn:aws:iam::123456789012:user/alice");
        PulumiCli.Result refused = pulumi.run("preview");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("devTrustPrincipalArns").contains("production stage");
        NoStackTraces.assertNone(refused.output());

        pulumi.ok("config", "rm", "devTrustPrincipalArns");
        pulumi.ok("up", "--yes", "--skip-preview");
        assertThat(account.resources()).extracting(SimulatedAccount.Resource::logicalName)
                .contains("hello-dev-vpc", "hello-prod-vpc", "hello-dev-api-fn", "hello-prod-api-fn");
        assertThat(account.physicalNames("prod")).as("the physical names of prod's resources")
                .isNotEmpty().doesNotContainAnyElementsOf(account.physicalNames("dev"));

        pulumi.ok("destroy", "--yes", "--skip-preview");
        assertThat(account.resources()).extracting(SimulatedAccount.Resource::logicalName)
                .noneMatch(name -> name.startsWith("hello-prod-"))
                .contains("hello-dev-vpc");
    }

    @Test
    @Order(60)
    void switchingComputeCreatesTheNewOneBeforeTrafficMovesAndDeletesTheOldOneAfter() throws IOException {
        String lambda = Files.readString(config());

        long before = account.lastSeq();
        Files.writeString(config(), ComputeSwitch.toFargate(lambda, "api"));
        pulumi.ok("up", "--yes", "--skip-preview");
        ComputeSwitch.assertOrdered(account.eventsAfter(before), "api", "aws:ecs/service:Service", "aws:lambda/function:Function");

        before = account.lastSeq();
        Files.writeString(config(), lambda);
        pulumi.ok("up", "--yes", "--skip-preview");
        ComputeSwitch.assertOrdered(account.eventsAfter(before), "api", "aws:lambda/function:Function", "aws:ecs/service:Service");
        pulumi.ok("preview", "--expect-no-changes");
    }

    @Test
    @Order(70)
    void movingToAnExistingVpcReplacesWhatItMustWithoutANameCollision() throws IOException {
        String awsVpc = pulumi.shell("AWS_REGION=eu-west-1 \"$PULUMI_HOME/plugins/resource-aws-v6.83.0/pulumi-resource-aws\" seed-network existing")
                .stdout().trim();
        String ownVpc = Files.readString(config());
        Files.writeString(config(), ownVpc.replace("deployment:\n  type: aws@1.0\n", "deployment:\n  type: aws@1.0\n  awsVpc: " + awsVpc + "\n"));

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
        List<Event> failed = account.events().stream()
                .filter(event -> event.phase().equals("failed") && !provokedFailures.contains(event.seq())).toList();
        assertThat(failed).as("operations the account refused").isEmpty();
    }
}
