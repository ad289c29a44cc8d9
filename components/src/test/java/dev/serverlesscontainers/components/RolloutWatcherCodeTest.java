package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollout watcher's code, exactly as {@link RolloutWatcher} ships it, run as the Lambda runtime
 * runs a handler, with its real boto3 ECS client answered by botocore's Stubber (which checks every
 * request against ECS's API model): moto's ECS has no rollout states nor stopped reasons to play a
 * failed deployment with. The answers are shaped as ECS gives them for a completed rollout (also one
 * whose first answer still shows the old deployment alone), a first deployment the circuit breaker
 * failed, an update it rolled back, one ECS never started, and one that does not end in time.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // the first run installs boto3 into the tests' cache
class RolloutWatcherCodeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RUN_SECONDS = 60;
    private static final String CLUSTER = "arn:aws:ecs:eu-west-1:" + MockAws.ACCOUNT + ":cluster/shop-dev-cluster";
    private static final String SERVICE = "shop-dev-web-service-1a2b3c4";
    private static final String SERVICE_ARN = "arn:aws:ecs:eu-west-1:" + MockAws.ACCOUNT + ":service/shop-dev-cluster/" + SERVICE;
    private static final String OURS = "arn:aws:ecs:eu-west-1:" + MockAws.ACCOUNT + ":task-definition/shop-dev-web-task:7";
    private static final String OLD = "arn:aws:ecs:eu-west-1:" + MockAws.ACCOUNT + ":task-definition/shop-dev-web-task:6";
    private static final String LOGS = "/ecs/shop-dev-web-fargate-logs";

    @TempDir
    static Path work;
    private static Path python;

    @BeforeAll
    static void layOut() throws Exception {
        // the pruner's tools: boto3 as the Lambda runtime has it (botocore's Stubber comes with it)
        python = PythonTools.venv("/version-pruner/requirements.txt").resolve("python");
        try (InputStream in = RolloutWatcherCodeTest.class.getResourceAsStream("/rollout-watcher/stubbed_ecs.py")) {
            Files.write(work.resolve("stubbed_ecs.py"), in.readAllBytes());
        }
        Files.writeString(work.resolve(RolloutWatcher.CODE), RolloutWatcher.code());
    }

    @Test
    void aRolloutThatCompletesAnswersTheServiceOnceThePrimaryRunsOurTaskDefinitionWithEveryTask() throws Exception {
        JsonNode outcome = watch(event(), List.of(
                describeServices(deployment("PRIMARY", OURS, "IN_PROGRESS", 0, 2), deployment("ACTIVE", OLD, "COMPLETED", 2, 0)),
                describeServices(deployment("PRIMARY", OURS, "COMPLETED", 1, 2)),
                describeServices(deployment("PRIMARY", OURS, "COMPLETED", 2, 2))));
        assertThat(outcome.path("error").isMissingNode()).as(outcome.toString()).isTrue();
        assertThat(outcome.path("result").path("service").asText()).isEqualTo(SERVICE_ARN);
        assertThat(outcome.path("result").path("taskDefinition").asText()).isEqualTo(OURS);
        assertThat(outcome.path("allAnswersUsed").asBoolean()).as("polled until every task ran").isTrue();
    }

    @Test
    void aRefusalWhileIamAppliesTheWatchersNewPolicyIsRetriedAndStoppedTasksItMayNotReadAreSaidSo() throws Exception {
        JsonNode passed = watch(event(), List.of(
                refused("describe_services", Map.of("cluster", CLUSTER, "services", List.of(SERVICE_ARN))),
                describeServices(deployment("PRIMARY", OURS, "COMPLETED", 1, 1))));
        assertThat(passed.path("result").path("service").asText()).as(passed.toString()).isEqualTo(SERVICE_ARN);

        JsonNode failed = watch(event(), List.of(
                describeServices(failed(deployment("PRIMARY", OURS, "FAILED", 0, 1))),
                refused("list_tasks", Map.of("cluster", CLUSTER, "family", "shop-dev-web-task", "desiredStatus", "STOPPED"))));
        assertThat(failure(failed)).contains("the deployment failed: ECS deployment circuit breaker: tasks failed to start. Stopped tasks: not"
                + " readable (An error occurred (AccessDeniedException) when calling the ListTasks operation: refused)");
    }

    @Test
    void aNewServiceWhoseDeploymentTheCircuitBreakerFailedFailsAtOnceWithTheStoppedTasksReasons() throws Exception {
        JsonNode outcome = watch(event(), List.of(
                describeServices(failed(deployment("PRIMARY", OURS, "FAILED", 0, 1))),
                listStoppedTasks("task/shop-dev-cluster/0a1b", "task/shop-dev-cluster/2c3d"),
                describeTasks(List.of("task/shop-dev-cluster/0a1b", "task/shop-dev-cluster/2c3d"),
                        task("0a1b", OURS, "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:eu-west-1:"
                                + MockAws.ACCOUNT + ":targetgroup/shop-dev-web-tg/73e2d6bc24d8a067)", 137, null),
                        task("2c3d", OURS, "Essential container in task exited", 1, "CannotPullContainerError: pull image manifest has been retried"))));
        String message = failure(outcome);
        assertThat(message).startsWith("containers.web: ECS service " + SERVICE + " did not roll out " + OURS
                + ": the deployment failed: ECS deployment circuit breaker: tasks failed to start. Stopped tasks: ");
        assertThat(message).contains("task 0a1b: Task failed ELB health checks in (target-group ").contains("(container web: exit code 137)")
                .contains("task 2c3d: Essential container in task exited (container web: exit code 1, CannotPullContainerError: pull image"
                        + " manifest has been retried)")
                .contains("See the container's logs in " + LOGS)
                .doesNotContain("rolled the service back");
        assertThat(outcome.path("allAnswersUsed").asBoolean()).isTrue();
    }

    @Test
    void anUpdateEcsRolledBackFailsNamingTheTaskDefinitionThatGoesOnServing() throws Exception {
        JsonNode outcome = watch(event(), List.of(
                describeServices(deployment("PRIMARY", OLD, "IN_PROGRESS", 1, 1), failed(deployment("ACTIVE", OURS, "FAILED", 0, 1))),
                listStoppedTasks("task/shop-dev-cluster/4e5f", "task/shop-dev-cluster/old1"),
                describeTasks(List.of("task/shop-dev-cluster/4e5f", "task/shop-dev-cluster/old1"),
                        task("4e5f", OURS, "Essential container in task exited", 3, null),
                        task("old1", OLD, "Scaling activity initiated by deployment", 0, null))));
        String message = failure(outcome);
        assertThat(message).contains("the deployment failed: ECS deployment circuit breaker: tasks failed to start; ECS rolled the service back to "
                + OLD + ", which goes on serving. Stopped tasks: task 4e5f: Essential container in task exited (container web: exit code 3)")
                .as("a task of the old definition is no reason of ours").doesNotContain("old1");
    }

    @Test
    void aFirstAnswerThatDoesNotShowOurDeploymentYetIsReadAgainAsEcsReadsAreEventuallyConsistent() throws Exception {
        // right after UpdateService, DescribeServices may still show the old primary alone
        JsonNode outcome = watch(event(), List.of(
                describeServices(deployment("PRIMARY", OLD, "COMPLETED", 1, 1)),
                describeServices(deployment("PRIMARY", OURS, "COMPLETED", 1, 1))));
        assertThat(outcome.path("error").isMissingNode()).as(outcome.toString()).isTrue();
        assertThat(outcome.path("result").path("taskDefinition").asText()).isEqualTo(OURS);
        assertThat(outcome.path("allAnswersUsed").asBoolean()).isTrue();
    }

    @Test
    void ourDeploymentSeenAndThenGoneWithTheOldRevisionPrimaryFailsNamingTheRevisionThatGoesOnServing() throws Exception {
        JsonNode outcome = watch(event(), List.of(
                describeServices(deployment("PRIMARY", OURS, "IN_PROGRESS", 0, 1), deployment("ACTIVE", OLD, "COMPLETED", 1, 0)),
                describeServices(deployment("PRIMARY", OLD, "COMPLETED", 1, 1)),
                listStoppedTasks()));
        assertThat(failure(outcome)).contains("did not roll out " + OURS + ": ECS runs another task definition; ECS rolled the service back to "
                + OLD + ", which goes on serving").contains("Stopped tasks: none stopped yet");
        assertThat(outcome.path("allAnswersUsed").asBoolean()).isTrue();
    }

    @Test
    void aTaskDefinitionEcsNeverStartsADeploymentOfFailsOnceTheGraceIsOverNamingWhatRuns() throws Exception {
        JsonNode outcome = watch(event(), List.of(describeServices(deployment("PRIMARY", OLD, "COMPLETED", 1, 1))), Map.of("graceSeconds", 0));
        assertThat(failure(outcome)).isEqualTo("containers.web: ECS service " + SERVICE + " did not roll out " + OURS + ": ECS never started a"
                + " deployment of this task definition (none appeared within 0 s); its primary deployment runs " + OLD
                + ". See the service's events in the ECS console");
        assertThat(outcome.path("allAnswersUsed").asBoolean()).as("no stopped tasks of a task definition that never ran are asked for").isTrue();
        assertThat(RolloutWatcher.code()).contains("UNSEEN_DEPLOYMENT_GRACE_SECONDS = " + RolloutWatcher.UNSEEN_DEPLOYMENT_GRACE_SECONDS + "\n");
    }

    @Test
    void aRolloutThatDoesNotEndInTimeFailsWithTheLastStateBeforeTheFunctionsTimeout() throws Exception {
        // the invocation asks for the whole wait, but Lambda ends the function in 30 s: the watcher answers before
        Map<String, Object> event = event();
        JsonNode outcome = watch(event, List.of(
                describeServices(deployment("PRIMARY", OURS, "IN_PROGRESS", 0, 2), deployment("ACTIVE", OLD, "COMPLETED", 2, 0)),
                listStoppedTasks()), Map.of("remainingMillis", 30_000));
        assertThat(failure(outcome)).contains("the rollout did not complete within 0 s (last state: rolloutState IN_PROGRESS, 0 of 2 tasks"
                + " running, 0 pending, 0 failed)");
    }

    @Test
    void theInvocationAsksForTheWholeWaitTheFunctionAllows() throws Exception {
        JsonNode event = JSON.readTree(RolloutWatcher.event("web", CLUSTER, SERVICE_ARN, OURS, LOGS));
        assertThat(event.path("waitSeconds").asInt()).isEqualTo(RolloutWatcher.TIMEOUT_SECONDS - RolloutWatcher.ANSWER_MARGIN_SECONDS);
        assertThat(RolloutWatcher.TIMEOUT_SECONDS).as("Lambda's maximum").isEqualTo(900);
        assertThat(RolloutWatcher.code()).contains("ANSWER_MARGIN_SECONDS = " + RolloutWatcher.ANSWER_MARGIN_SECONDS + "\n");
    }

    private static Map<String, Object> event() throws IOException {
        return JSON.convertValue(JSON.readTree(RolloutWatcher.event("web", CLUSTER, SERVICE_ARN, OURS, LOGS)), Map.class);
    }

    private static Map<String, Object> deployment(String status, String taskDefinition, String rolloutState, int running, int desired) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", "ecs-svc/" + Math.abs((status + taskDefinition).hashCode()));
        d.put("status", status);
        d.put("taskDefinition", taskDefinition);
        d.put("desiredCount", desired);
        d.put("pendingCount", 0);
        d.put("runningCount", running);
        d.put("failedTasks", 0);
        d.put("rolloutState", rolloutState);
        d.put("rolloutStateReason", rolloutState.equals("COMPLETED") ? "ECS deployment ecs-svc/1 completed." : "ECS deployment ecs-svc/1 in progress.");
        return d;
    }

    private static Map<String, Object> failed(Map<String, Object> deployment) {
        deployment.put("failedTasks", 3);
        deployment.put("rolloutStateReason", "ECS deployment circuit breaker: tasks failed to start.");
        return deployment;
    }

    @SafeVarargs
    private static Map<String, Object> describeServices(Map<String, Object>... deployments) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("serviceName", SERVICE);
        service.put("clusterArn", CLUSTER);
        service.put("status", "ACTIVE");
        service.put("deployments", List.of(deployments));
        return call("describe_services", Map.of("cluster", CLUSTER, "services", List.of(SERVICE_ARN)), Map.of("services", List.of(service), "failures", List.of()));
    }

    private static Map<String, Object> listStoppedTasks(String... taskIds) {
        List<String> arns = new ArrayList<>();
        for (String id : taskIds) {
            arns.add("arn:aws:ecs:eu-west-1:" + MockAws.ACCOUNT + ":" + id);
        }
        return call("list_tasks", Map.of("cluster", CLUSTER, "family", "shop-dev-web-task", "desiredStatus", "STOPPED"), Map.of("taskArns", arns));
    }

    @SafeVarargs
    private static Map<String, Object> describeTasks(List<String> taskIds, Map<String, Object>... tasks) {
        List<String> arns = taskIds.stream().map(id -> "arn:aws:ecs:eu-west-1:" + MockAws.ACCOUNT + ":" + id).toList();
        return call("describe_tasks", Map.of("cluster", CLUSTER, "tasks", arns), Map.of("tasks", List.of(tasks), "failures", List.of()));
    }

    private static Map<String, Object> task(String id, String taskDefinition, String stoppedReason, int exitCode, String containerReason) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "web");
        container.put("lastStatus", "STOPPED");
        container.put("exitCode", exitCode);
        if (containerReason != null) {
            container.put("reason", containerReason);
        }
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("taskArn", "arn:aws:ecs:eu-west-1:" + MockAws.ACCOUNT + ":task/shop-dev-cluster/" + id);
        task.put("taskDefinitionArn", taskDefinition);
        task.put("lastStatus", "STOPPED");
        task.put("stoppedReason", stoppedReason);
        task.put("containers", List.of(container));
        return task;
    }

    private static Map<String, Object> refused(String operation, Map<String, Object> expect) {
        return Map.of("operation", operation, "expect", expect, "error", "AccessDeniedException");
    }

    private static Map<String, Object> call(String operation, Map<String, Object> expect, Map<String, Object> answer) {
        return Map.of("operation", operation, "expect", expect, "answer", answer);
    }

    private static String failure(JsonNode outcome) {
        assertThat(outcome.path("error").path("type").asText()).as(outcome.toString()).isEqualTo("RolloutFailed");
        return outcome.path("error").path("message").asText();
    }

    private JsonNode watch(Map<String, Object> event, List<Map<String, Object>> calls) throws Exception {
        return watch(event, calls, Map.of());
    }

    /** {@code settings}: the function's {@code remainingMillis} (900 s unless given), the watcher's {@code graceSeconds}. */
    private JsonNode watch(Map<String, Object> event, List<Map<String, Object>> calls, Map<String, Object> settings) throws Exception {
        Path answers = Files.createTempFile(work, "answers", ".json");
        Map<String, Object> file = new HashMap<>();
        file.put("pollSeconds", 0);
        file.put("remainingMillis", 900_000);
        file.putAll(settings);
        file.put("calls", calls);
        Files.writeString(answers, JSON.writeValueAsString(file));
        var run = PythonTools.run(List.of(python.toString(), "stubbed_ecs.py", RolloutWatcher.HANDLER, JSON.writeValueAsString(event),
                answers.toString()), work, Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "HOME", work.toString()),
                RUN_SECONDS);
        String out = run.output().strip();
        assertThat(run.exitCode()).as(out).isZero();
        return JSON.readTree(out.substring(out.lastIndexOf('\n') + 1));
    }
}
