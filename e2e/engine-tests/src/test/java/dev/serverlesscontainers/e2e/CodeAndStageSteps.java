package dev.serverlesscontainers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.e2e.SimulatedAccount.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Steps 4 and 5 of {@link ExampleProgramIT}: a code change in one container, and a second stage beside
 * the first. They depend on how the component reaches the program's files and stack configuration,
 * which differs between the component in-process ({@link JavaProgramIT}) and in the plugin, which every
 * SDK reaches by the same {@code Construct} request ({@link TypeScriptProgramIT}); Python and Go
 * programs take the steps whose outcome their SDK decides (outputs, secrets, errors, no phantom diffs).
 */
interface CodeAndStageSteps {
    /**
     * What a change of examples/hello/api's code previews, by resource: a new image, the function on
     * it, and what a new function image means for the function's published version (the health-check
     * invocation of the new version and the {@code live} alias). Nothing of the other containers, the
     * network or the edge.
     */
    Map<String, String> API_CODE_CHANGE = Map.of(
            "docker:index/image:Image  hello-dev-api-image", "update",
            "aws:lambda/function:Function  hello-dev-api-fn", "update",
            "aws:lambda/invocation:Invocation  hello-dev-api-health-check", "replace",
            "aws:lambda/alias:Alias  hello-dev-api-alias", "update",
            "aws:lambda/invocation:Invocation  hello-dev-api-prune-versions", "replace");

    /** The program's folder's parent, holding examples/hello's copy. */
    Path workspace();

    PulumiCli pulumi();

    SimulatedAccount account();

    /** examples/hello/serverless.containers.yml's copy, which the steps edit. */
    Path config();

    @Test
    @Order(40)
    default void aCodeChangeInOneContainerChangesExactlyItsImageAndWhatDependsOnIt() throws IOException {
        Path source = workspace().resolve("hello/api/index.js");
        Files.writeString(source, Files.readString(source) + "\n// changed by " + getClass().getSimpleName() + "\n");

        Map<String, String> changes = Preview.of(pulumi().ok("preview", "--json")).changes();

        assertThat(changes).as("what a code change in the api previews").isEqualTo(API_CODE_CHANGE);
        long before = account().lastSeq();
        pulumi().ok("up", "--yes", "--skip-preview");
        List<Event> events = account().eventsAfter(before);
        assertThat(events).as("what the up changed in the account")
                .filteredOn(event -> event.phase().equals("end"))
                .extracting(event -> Urns.typeAndName(event.urn()))
                .containsOnlyElementsOf(API_CODE_CHANGE.keySet());
        pulumi().ok("preview", "--expect-no-changes");

        // old versions are pruned only once the alias has moved to the new one
        Event aliasMoved = SimulatedAccount.last(events, e -> e.name().equals("hello-dev-api-alias") && e.is("end", "update"))
                .orElseThrow(() -> new AssertionError("the api's alias did not move: " + events));
        Event pruned = SimulatedAccount.first(events, e -> e.name().equals("hello-dev-api-prune-versions") && e.phase().equals("start")
                && !e.operation().equals("delete")).orElseThrow(() -> new AssertionError("the api's versions were not pruned: " + events));
        assertThat(pruned.seq()).as("pruning starts after the alias moved").isGreaterThan(aliasMoved.seq());
    }

    @Test
    @Order(50)
    default void aSecondStageLivesBesideTheFirstAndRefusesDevTrust() throws IOException {
        // a domain's DNS records exist once per zone, on AWS as in the simulator: a second stage in the
        // same account needs a domain of its own (dev keeps its domain, so dev does not change)
        Files.writeString(config(), Files.readString(config())
                .replace("domain: admin.hello.example.com", "domain: ${param:adminDomain}")
                .replace("      greeting: Hello\n", "      greeting: Hello\n      adminDomain: admin.hello.example.com\n")
                .replace("      greeting: Welcome\n", "      greeting: Welcome\n      adminDomain: admin.prod.hello.example.com\n"));
        pulumi().ok("preview", "--expect-no-changes");
        pulumi().ok("stack", "init", "prod");
        try {
            deployAProductionStageBesideDev();
        } finally {
            pulumi().run("stack", "select", "dev"); // the later steps work on dev, even when this one failed
        }
    }

    private void deployAProductionStageBesideDev() {
        pulumi().ok("config", "set", "--path", "devTrustPrincipalArns[0]", "arn:aws:iam::123456789012:user/alice");
        PulumiCli.Result refused = pulumi().run("preview");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("devTrustPrincipalArns").contains("production stage");
        NoStackTraces.assertNone(refused.output());

        pulumi().ok("config", "rm", "devTrustPrincipalArns");
        pulumi().ok("up", "--yes", "--skip-preview");
        assertThat(account().resources()).extracting(SimulatedAccount.Resource::logicalName)
                .contains("hello-dev-vpc", "hello-prod-vpc", "hello-dev-api-fn", "hello-prod-api-fn");
        assertThat(account().physicalNames("prod")).as("the physical names of prod's resources")
                .isNotEmpty().doesNotContainAnyElementsOf(account().physicalNames("dev"));

        pulumi().ok("destroy", "--yes", "--skip-preview");
        assertThat(account().resources()).extracting(SimulatedAccount.Resource::logicalName)
                .noneMatch(name -> name.startsWith("hello-prod-"))
                .contains("hello-dev-vpc");
    }
}
