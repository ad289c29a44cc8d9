package dev.serverlesscontainers.model.naming;

import dev.serverlesscontainers.model.config.ComputeType;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.IamConfig;
import dev.serverlesscontainers.model.config.ProjectConfig;
import java.util.Optional;

/**
 * The role a container's code runs as once deployed: a role the user brings, or the one the component
 * creates. The deploy creates or uses it, and {@code scf-dev} assumes the same one, so a container has
 * the same permissions locally as in AWS.
 *
 * <p>Precedence: the container's {@code compute.awsIam.roleArn}; else, when the container has a
 * {@code compute.awsIam.customPolicy}, a role of its own (created, since the policy needs a role to be
 * attached to, and it must not be attached to a role the user shares across the deployment); else
 * {@code deployment.awsIam.roleArn}; else a role of its own without extra permissions.
 */
public sealed interface RunAsRole {

    /** A role the user brings, used as it is. */
    record Given(String arn, Setting setting) implements RunAsRole {}

    /**
     * The role the component creates. IAM role names are unique in the account, not the region, so
     * its name carries the region it is deployed to ({@link Names#inRegion}).
     */
    record Created(String project, String stage, String container, ComputeType type) implements RunAsRole {
        /** The role's name in {@code region}: {@code <name>-<stage>-<region code>-<container>-<lambda|fargate>-role}. */
        public String name(String region) {
            return Names.of(project, stage).inRegion(region).containerRole(container, type);
        }
    }

    /** Where a given role is set. */
    enum Setting {
        CONTAINER("compute.awsIam.roleArn"),
        DEPLOYMENT("deployment.awsIam.roleArn");

        private final String path;

        Setting(String path) {
            this.path = path;
        }

        /** The configuration key, as users write it. */
        public String path() {
            return path;
        }
    }

    /** The role {@code container} of {@code config} runs as. */
    static RunAsRole of(ProjectConfig config, ContainerConfig container) {
        Optional<IamConfig> iam = container.iam();
        Optional<String> own = iam.flatMap(IamConfig::roleArn);
        if (own.isPresent()) {
            return new Given(own.get(), Setting.CONTAINER);
        }
        boolean hasPolicy = iam.flatMap(IamConfig::customPolicyJson).isPresent();
        Optional<String> shared = config.deployment().roleArn();
        if (shared.isPresent() && !hasPolicy) {
            return new Given(shared.get(), Setting.DEPLOYMENT);
        }
        return new Created(config.name(), config.stage(), container.name(), container.compute().type());
    }
}
