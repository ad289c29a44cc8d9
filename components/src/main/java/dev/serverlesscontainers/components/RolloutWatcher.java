package dev.serverlesscontainers.components;

import com.pulumi.aws.ecs.Cluster;
import com.pulumi.aws.lambda.Invocation;
import com.pulumi.aws.lambda.InvocationArgs;
import com.pulumi.core.Output;
import dev.serverlesscontainers.model.naming.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fails the deploy when a Fargate service does not roll out the task definition this deploy
 * registered, and fails it as soon as ECS knows, with the stopped tasks' reasons.
 *
 * <p>The provider cannot: its wait for a steady state ({@code waitForSteadyState}) counts deployments
 * and running tasks and never reads the rollout state (hashicorp/terraform-provider-aws#19519,
 * #20858), so a rolled-back update ends "steady" on the old task definition, and a new service whose
 * tasks never become healthy (the circuit breaker marks its only deployment FAILED and stops launching)
 * waits until the create timeout, with no word of why; and no data source of the provider reads
 * stopped tasks. So the services are created and updated without that wait, and per container an
 * {@code aws:lambda/Invocation} of a small function of the stack ({@link HelperFunction}, code in
 * {@value #CODE}) polls {@code DescribeServices} until the primary deployment runs our task definition
 * with its rollout COMPLETED, or fails with a function error as soon as that deployment is FAILED or,
 * once it was seen, the primary runs another task definition; and when it has not shown within
 * {@value #UNSEEN_DEPLOYMENT_GRACE_SECONDS} s (ECS reads are eventually consistent: right after the
 * update, the old primary may still show alone). The provider reports a function error as
 * {@code invoking Lambda Function (NAME): PAYLOAD}, the payload holding our message, so it is what
 * {@code pulumi up} prints. The invocation depends on the service and its input holds the task
 * definition's ARN, so it runs again on every change of the task definition (the provider invokes
 * the function again on a changed input), and the container's outputs and the distribution wait for it.
 *
 * <p>The function runs as long as Lambda allows ({@value #TIMEOUT_SECONDS} s) and gives up
 * {@value #ANSWER_MARGIN_SECONDS} s before, with the last state it saw. The invocation is synchronous
 * and the provider's Lambda client (the AWS SDK for Go's default HTTP client) sets no response timeout
 * and keeps the connection alive with TCP keep-alives, so it waits the whole time.
 *
 * <p>{@code deployment.awsFargateEcs.rolloutWatcher: false} turns it off, for accounts where the
 * deploying identity may not create its role: the services then wait with the provider ({@link RolloutCheck}).
 *
 * <p>Its role reads this stack's services only ({@code ecs:DescribeServices} on their ARNs), and lists
 * and describes tasks in this stack's cluster only: {@code ecs:ListTasks} is authorized on container
 * instances, which Fargate tasks have none of, so it is allowed on {@code *} under the
 * {@code ecs:cluster} condition key; {@code ecs:DescribeTasks} on the cluster's task ARNs, under the
 * same condition.
 */
final class RolloutWatcher {
    static final String CODE = "rollout_watcher.py";
    static final String HANDLER = "rollout_watcher.handler";
    /** Lambda's maximum: a rollout of a large image with several tasks and draining takes minutes. */
    static final int TIMEOUT_SECONDS = 900;
    /** Kept back from the timeout to read the stopped tasks and answer ({@code ANSWER_MARGIN_SECONDS} in the code). */
    static final int ANSWER_MARGIN_SECONDS = 30;
    static final int WAIT_SECONDS = TIMEOUT_SECONDS - ANSWER_MARGIN_SECONDS;
    /**
     * How long the watcher waits for this deploy's deployment to show ({@code UNSEEN_DEPLOYMENT_GRACE_SECONDS}
     * in the code): ECS's reads are eventually consistent, so until then another primary is no rollback.
     */
    static final int UNSEEN_DEPLOYMENT_GRACE_SECONDS = 60;
    private static final String QUALIFIER = "rollout_watcher";

    private RolloutWatcher() {}

    /**
     * Per Fargate container, the service's name once the watcher saw this deploy's task definition rolled
     * out; none, and no watcher, when {@code deployment.awsFargateEcs.rolloutWatcher} is off.
     */
    static Map<String, Watch> create(DeployContext ctx, Map<String, FargateService> services, Cluster cluster) {
        Map<String, Watch> watches = new LinkedHashMap<>();
        if (services.isEmpty() || !ctx.config.deployment().rolloutWatcher()) {
            return watches;
        }
        // an ECS service's id is its ARN
        List<Output<String>> serviceArns = new ArrayList<>();
        services.values().forEach(s -> serviceArns.add(s.service.id()));
        Output<String> taskArns = Output.format("arn:%s:ecs:%s:%s:task/%s/*", ctx.partition(), ctx.region(), ctx.accountId(), cluster.name());
        var watcher = HelperFunction.create(ctx, new HelperFunction.Spec(QUALIFIER, CODE, HANDLER,
                "Waits for the rollouts of " + ctx.names.prefix() + "'s Fargate containers and reports why one failed",
                TIMEOUT_SECONDS), Output.tuple(Output.all(serviceArns), cluster.arn(), taskArns)
                        .applyValue(t -> statements(t.t1, t.t2, t.t3)));

        services.forEach((container, s) -> {
            var invocation = new Invocation(ctx.names.container(container, ResourceKind.ROLLOUT_WATCH), InvocationArgs.builder()
                    .functionName(watcher.function.name())
                    .input(Output.tuple(cluster.arn(), s.service.id(), s.taskDefinitionArn, s.logGroupName)
                            .applyValue(t -> event(container, t.t1, t.t2, t.t3, t.t4)))
                    .build(),
                    // after the service's create or update, with the watcher's permissions in place
                    ctx.dependingOn(List.of(s.service, watcher.policy)));
            watches.put(container, new Watch(invocation, Output.tuple(invocation.result(), s.service.name()).applyValue(t -> t.t2)));
        });
        return watches;
    }

    /** A container's watch: the invocation, and the service's name once it has passed. */
    record Watch(Invocation invocation, Output<String> rolledOut) {}

    /** What the watcher is asked for one service. */
    static String event(String container, String clusterArn, String serviceArn, String taskDefinitionArn, String logGroupName) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("container", container);
        event.put("cluster", clusterArn);
        event.put("service", serviceArn);
        event.put("taskDefinition", taskDefinitionArn);
        event.put("logGroup", logGroupName);
        event.put("waitSeconds", WAIT_SECONDS);
        return Iam.json(event);
    }

    private static List<Map<String, Object>> statements(List<String> serviceArns, String clusterArn, String taskArns) {
        Map<String, Object> inCluster = Map.of("ArnEquals", Map.of("ecs:cluster", clusterArn));
        var listTasks = HelperFunction.statement("ListTasksInTheCluster", List.of("ecs:ListTasks"), List.of("*"));
        listTasks.put("Condition", inCluster);
        var describeTasks = HelperFunction.statement("DescribeTasksInTheCluster", List.of("ecs:DescribeTasks"), List.of(taskArns));
        describeTasks.put("Condition", inCluster);
        return List.of(HelperFunction.statement("DescribeTheServices", List.of("ecs:DescribeServices"), serviceArns), listTasks, describeTasks);
    }

    /** The watcher's source, as the function runs it. */
    static String code() {
        return HelperFunction.code(CODE);
    }
}
