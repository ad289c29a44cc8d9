package dev.serverlesscontainers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesscontainers.e2e.SimulatedAccount.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * examples/java under the real engine: the component in-process, as a Java program uses it (the
 * program's classes and dependencies behind one jar, see {@link JavaProgram}), through the steps of
 * {@link ExampleProgramIT} and {@link CodeAndStageSteps}; then what the component orders among its
 * children, the same in every language and in the plugin (which builds the component with the same
 * Java SDK): a compute switch and back, a move to an existing VPC, a container added and removed
 * whose route never points at an origin the distribution does not have, and Fargate rollouts that
 * fail (a new service's and an update's), failing the {@code up} at once with the stopped tasks'
 * reason from the rollout watcher; and without the watcher (rolloutWatcher: false) none of its
 * resources, the provider's wait, and a rolled-back update that still fails the {@code up}.
 */
class JavaProgramIT extends ExampleProgramIT implements CodeAndStageSteps {
    JavaProgramIT() {
        super("java");
    }

    @Override
    Path layOut(Path workspace) {
        return JavaProgram.prepare(workspace);
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
    @Order(80)
    void aContainerAddedOrRemovedIsNeverRoutedToAnOriginTheDistributionLacks() throws IOException {
        String three = Files.readString(config());
        Files.writeString(config(), three + """

                  extra:
                    src: ./api
                    routing:
                      pathPattern: /extra/*
                      pathHealthCheck: /api/health
                """);

        long before = account.lastSeq();
        pulumi.ok("up", "--yes", "--skip-preview");
        var added = account.eventsAfter(before);
        assertThat(added).as("the distribution gains the new origin")
                .anyMatch(event -> event.type().equals("aws:cloudfront/distribution:Distribution") && event.is("end", "update"));
        assertThat(RouteWindow.missingOrigins(account.events(), "dev")).as("moments a request could go to a missing origin").isEmpty();

        Files.writeString(config(), three);
        pulumi.ok("up", "--yes", "--skip-preview");
        assertThat(RouteWindow.missingOrigins(account.events(), "dev")).as("moments a request could go to a missing origin").isEmpty();
        pulumi.ok("preview", "--expect-no-changes");
    }

    @Test
    @Order(85)
    void aNewFargateServiceThatNeverBecomesHealthyFailsTheDeployAtOnceWithTheStoppedTasksReason() throws IOException {
        String lambda = Files.readString(config());
        FailedUp failed = failedRollout("hello-dev-api-service", ComputeSwitch.toFargate(lambda, "api"), "hello-dev-api-rollout");
        // the rollout watcher's words, not a timeout of the provider's wait: which container, why its tasks stopped, where to look
        assertThat(failed.output()).containsPattern("containers\\.api: ECS service hello-dev-api-service-[0-9a-f]+ did not roll out"
                + " arn:aws:ecs:eu-west-1:\\d+:task-definition/hello-dev-api-task:\\d+: the deployment failed: ECS deployment circuit breaker:"
                + " tasks failed to start\\. Stopped tasks: task [0-9a-f]+: Task failed ELB health checks in \\(target-group"
                + " arn:aws:elasticloadbalancing:[^)]+\\) \\(container api: exit code 137\\)\\. See the container's logs in"
                + " /ecs/hello-dev-api-fargate-logs")
                .doesNotContain("tfSTABLE").doesNotContain("rolled the service back");
        assertThat(failed.events()).as("the edge does not move to the service that failed, nor the old function go")
                .noneMatch(event -> event.type().equals("aws:cloudfront/distribution:Distribution"))
                .noneMatch(event -> event.type().equals("aws:lambda/function:Function") && event.operation().equals("delete"));
        pulumi.ok("up", "--yes", "--skip-preview");
        pulumi.ok("preview", "--expect-no-changes");
    }

    @Test
    @Order(86)
    void anUpdateEcsRolledBackFailsTheDeployNamingTheRevisionThatGoesOnServingAndAFixedOnePasses() throws IOException {
        String good = Files.readString(config());
        FailedUp failed = failedRollout("hello-dev-web-service",
                good.replace("SITE_TITLE: Hello from ${sls:stage}", "SITE_TITLE: Broken on ${sls:stage}"), "hello-dev-web-rollout");
        assertThat(failed.output()).containsPattern("containers\\.web: ECS service hello-dev-web-service-[0-9a-f]+ did not roll out"
                + " arn:aws:ecs:eu-west-1:\\d+:task-definition/hello-dev-web-task:\\d+: the deployment failed: ECS deployment circuit breaker:"
                + " tasks failed to start; ECS rolled the service back to arn:aws:ecs:eu-west-1:\\d+:task-definition/hello-dev-web-task:\\d+,"
                + " which goes on serving\\. Stopped tasks: task [0-9a-f]+: Task failed ELB health checks");

        long fixed = account.lastSeq();
        pulumi.ok("up", "--yes", "--skip-preview");
        assertThat(account.eventsAfter(fixed)).as("a healthy revision: the watcher runs again and passes")
                .anyMatch(event -> event.name().equals("hello-dev-web-rollout") && event.phase().equals("end"));
        pulumi.ok("preview", "--expect-no-changes");
    }

    @Test
    @Order(87)
    void withoutTheRolloutWatcherTheStackHasNoneAndARolledBackUpdateStillFailsTheDeploy() throws IOException {
        String watched = Files.readString(config());
        Files.writeString(config(), watched.replace("deployment:\n  type: aws@1.0\n",
                "deployment:\n  type: aws@1.0\n  awsFargateEcs:\n    rolloutWatcher: false\n"));
        pulumi.ok("up", "--yes", "--skip-preview");

        JsonNode export = JSON.readTree(pulumi.ok("stack", "export").stdout());
        assertThat(export.path("deployment").path("resources")).extracting(resource -> resource.path("urn").asText())
                .as("the watcher's function, role, policy and log group, and its invocations")
                .noneMatch(urn -> urn.contains("rollout_watcher") || urn.endsWith("-rollout"));
        assertThat(StackExport.resource(export, "aws:ecs/service:Service", "hello-dev-web-service")
                .path("inputs").path("waitForSteadyState").asBoolean()).as("the service waits with the provider").isTrue();
        JsonNode web = JSON.readTree(pulumi.ok("stack", "output", "--json").stdout()).path("containers").path("web");
        assertThat(web.path("computeType").asText()).isEqualTo("awsFargateEcs");
        assertThat(web.path("serviceName").asText()).startsWith("hello-dev-web-service-");
        pulumi.ok("preview", "--expect-no-changes");

        String good = Files.readString(config());
        account.faults("{\"rolledBackServices\": [\"hello-dev-web-service\"]}");
        long seq = account.lastSeq();
        try {
            Files.writeString(config(), good.replace("SITE_TITLE: Hello from ${sls:stage}", "SITE_TITLE: Broken on ${sls:stage}"));
            PulumiCli.Result failed = pulumi.run("up", "--yes", "--skip-preview");
            assertThat(failed.exitCode()).isNotZero();
            // RolloutCheck's words once the provider saw the service steady again on the old revision
            assertThat(failed.output()).containsPattern("containers\\.web: ECS rolled the service hello-dev-web-service-[0-9a-f]+ back to"
                    + " arn:aws:ecs:eu-west-1:\\d+:task-definition/hello-dev-web-task:\\d+ because the new tasks"
                    + " \\(arn:aws:ecs:eu-west-1:\\d+:task-definition/hello-dev-web-task:\\d+\\) did not become healthy");
            provokedFailures.addAll(account.eventsAfter(seq).stream().filter(event -> event.phase().equals("failed")).map(Event::seq).toList());
        } finally {
            account.noFaults();
            Files.writeString(config(), good);
        }
        pulumi.ok("up", "--yes", "--skip-preview");
        pulumi.ok("preview", "--expect-no-changes");
    }

    private record FailedUp(String output, List<Event> events) {}

    /**
     * {@code up} of {@code changed} while the service's new tasks never become healthy: it fails, and
     * only at {@code failedResource}; then the file is as it was and the account healthy again.
     */
    private FailedUp failedRollout(String service, String changed, String failedResource) throws IOException {
        String before = Files.readString(config());
        account.faults("{\"failingServices\": [\"" + service + "\"]}");
        long seq = account.lastSeq();
        try {
            Files.writeString(config(), changed);
            PulumiCli.Result failed = pulumi.run("up", "--yes", "--skip-preview");
            assertThat(failed.exitCode()).isNotZero();
            List<Event> events = account.eventsAfter(seq);
            assertThat(events).filteredOn(event -> event.phase().equals("failed")).singleElement()
                    .satisfies(event -> assertThat(event.name()).isEqualTo(failedResource));
            provokedFailures.addAll(events.stream().filter(event -> event.phase().equals("failed")).map(Event::seq).toList());
            return new FailedUp(failed.output(), events);
        } finally {
            account.noFaults();
            Files.writeString(config(), before);
        }
    }
}
