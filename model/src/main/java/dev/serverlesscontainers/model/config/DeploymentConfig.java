package dev.serverlesscontainers.model.config;

import java.util.List;
import java.util.Optional;

/**
 * {@code deployment}: the architecture type and existing infrastructure to reuse.
 *
 * @param type always {@code aws@1.0} once loaded ({@code awsApi@1.0} is read as it, with a warning)
 * @param awsVpc an existing VPC to deploy into instead of creating one
 * @param wafAclArn a WAF web ACL to associate with the load balancer
 * @param executionRoleArn an existing ECS task execution role
 * @param roleArn an existing role for every container that has no role of its own
 * @param versionsToKeep published versions each Lambda function keeps; {@value Defaults#LAMBDA_VERSIONS_KEEP_ALL}
 *     keeps them all (no pruner)
 * @param rolloutWatcher whether Fargate rollouts are awaited by the stack's watcher function rather than by
 *     the provider's wait for a steady state
 */
public record DeploymentConfig(
        String type,
        Optional<AwsVpc> awsVpc,
        Optional<String> wafAclArn,
        Optional<String> executionRoleArn,
        Optional<String> roleArn,
        int versionsToKeep,
        boolean rolloutWatcher) {

    public static final String AWS_1_0 = "aws@1.0";
    public static final String AWS_API_1_0 = "awsApi@1.0";

    /** {@code deployment.awsVpc}: all fields or none. */
    public record AwsVpc(
            String id,
            List<String> publicSubnets,
            List<String> privateSubnets,
            String s2sSecurityGroupId,
            String loadBalancerSecurityGroupId) {
        public AwsVpc {
            publicSubnets = List.copyOf(publicSubnets);
            privateSubnets = List.copyOf(privateSubnets);
        }
    }

    public static DeploymentConfig defaults() {
        return new DeploymentConfig(AWS_1_0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Defaults.LAMBDA_VERSIONS_TO_KEEP, Defaults.FARGATE_ROLLOUT_WATCHER);
    }

    /** Whether old Lambda versions are deleted (and so whether the stack has a version pruner). */
    public boolean prunesVersions() {
        return versionsToKeep != Defaults.LAMBDA_VERSIONS_KEEP_ALL;
    }
}
