package dev.serverlesscontainers.components;

import com.pulumi.aws.ecs.Cluster;
import com.pulumi.aws.ecs.EcsFunctions;
import com.pulumi.aws.ecs.Service;
import com.pulumi.aws.ecs.TaskDefinition;
import com.pulumi.aws.ecs.inputs.GetServiceArgs;
import com.pulumi.core.Output;
import dev.serverlesscontainers.model.config.ContainerConfig;

/**
 * How a Fargate rollout is checked without the rollout watcher ({@code deployment.awsFargateEcs.rolloutWatcher:
 * false}, for accounts where the deploying identity may not create the watcher's IAM role): the service
 * is created with the provider's wait for a steady state, bounded by {@link DeployDefaults#NEW_SERVICE_WAIT},
 * and then read back with the deploying identity's own {@code ecs:DescribeServices}.
 *
 * <p>The read-back is needed because with the circuit breaker's rollback, a new task definition that
 * never becomes healthy is rolled back, the service is steady again on the old one, and the provider's
 * wait ends in success (hashicorp/terraform-provider-aws#20858). A steady service has one deployment;
 * when its task definition is not ours, ECS rolled back and the update fails here. What this cannot
 * give, and the watcher does, is why: no data source of the provider reads stopped tasks.
 */
final class RolloutCheck {
    private RolloutCheck() {}

    /** Thrown when ECS runs another task definition than the one this deploy registered. */
    static final class RolledBackException extends RuntimeException {
        RolledBackException(String message) {
            super(message);
        }
    }

    /**
     * The service's name, once ECS reports it steady on {@code task}; a failed output (which fails the
     * update) when it runs another task definition. Unknown during a preview that changes the service.
     */
    static Output<String> verified(DeployContext ctx, ContainerConfig c, Service service, TaskDefinition task, Cluster cluster) {
        // the service's id resolves only after the provider's wait for a steady state has ended
        return Output.tuple(service.id(), service.name(), cluster.arn(), task.arn()).apply(t -> EcsFunctions.getService(
                GetServiceArgs.builder().serviceName(t.t2).clusterArn(t.t3).build(), ctx.invokeOptions()).applyValue(live -> {
                    if (!t.t4.equals(live.taskDefinition())) {
                        throw new RolledBackException("containers." + c.name() + ": ECS rolled the service " + t.t2 + " back to "
                                + live.taskDefinition() + " because the new tasks (" + t.t4 + ") did not become healthy; the old"
                                + " version goes on serving. See the service's events and the stopped tasks' reasons in the ECS"
                                + " console, and the container's log group (deployment.awsFargateEcs.rolloutWatcher: true reports"
                                + " them here)");
                    }
                    return t.t2;
                }));
    }
}
