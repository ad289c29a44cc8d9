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
 * examples/java under the real engine: the component in-process, as a Java program uses it (the
 * program's classes and dependencies behind one jar, see {@link JavaProgram}), through the steps of
 * {@link ExampleProgramIT}, and a code change, a second stage, a compute switch and back, and a move
 * into an existing VPC.
 */
class JavaProgramIT extends ExampleProgramIT {
    JavaProgramIT() {
        super("java");
    }

    @Override
    Path layOut(Path workspace) {
        return JavaProgram.prepare(workspace);
    }

    @Test
    @Order(40)
    void aCodeChangeInOneContainerChangesOnlyThatContainersImageAndFunction() throws IOException {
        Path source = workspace.resolve("hello/api/index.js");
        Files.writeString(source, Files.readString(source) + "\n// changed by JavaProgramIT\n");

        Map<String, String> changes = Preview.of(pulumi.ok("preview", "--json")).changes();

        assertThat(changes.keySet()).isNotEmpty().allSatisfy(resource -> assertThat(resource).contains("-api-"));
        assertThat(changes).containsKey("docker:index/image:Image  hello-dev-api-image");
        pulumi.ok("up", "--yes", "--skip-preview");
        pulumi.ok("preview", "--expect-no-changes");
    }

    @Test
    @Order(50)
    void aSecondStageLivesBesideTheFirstAndRefusesDevTrust() throws IOException {
        // a domain's DNS records exist once per zone, on AWS as in the simulator: a second stage in the
        // same account needs a domain of its own (dev keeps its domain, so dev does not change)
        Path config = config();
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
    @Order(60)
    void switchingComputeCreatesTheNewOneBeforeTrafficMovesAndDeletesTheOldOneAfter() throws IOException {
        Path config = config();
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
    @Order(70)
    void movingToAnExistingVpcReplacesWhatItMustWithoutANameCollision() throws IOException {
        String awsVpc = pulumi.shell("AWS_REGION=eu-west-1 \"$PULUMI_HOME/plugins/resource-aws-v6.83.0/pulumi-resource-aws\" seed-network existing")
                .stdout().trim();
        Path config = config();
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
}
