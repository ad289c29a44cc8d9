package dev.serverlesscontainers.devmode.aws;

import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.naming.Names;
import dev.serverlesscontainers.model.naming.RunAsRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which role each container runs as when deployed, as the deploy decides it ({@link RunAsRole}): a
 * role the user brings is used as given; for a role the component creates, the ARN in the stack
 * outputs when {@code --stack-outputs} is given, else the model's name for it in the caller's account and
 * the region dev mode uses.
 */
final class RoleDiscovery {
    private RoleDiscovery() {}

    /** Where a role ARN came from. */
    enum Source {
        CONTAINER_ROLE("compute.awsIam.roleArn", false),
        DEPLOYMENT_ROLE("deployment.awsIam.roleArn", false),
        STACK_OUTPUTS("stack outputs", true),
        COMPONENT_NAME("named by the component", true);

        private final String shown;
        private final boolean componentRole;

        Source(String shown, boolean componentRole) {
            this.shown = shown;
            this.componentRole = componentRole;
        }

        /** True when the component created the role, so its trust policy follows {@code devTrustPrincipalArns}. */
        boolean componentRole() {
            return componentRole;
        }

        @Override
        public String toString() {
            return shown;
        }
    }

    /** A container's role. */
    record Target(String container, String roleArn, Source source) {}

    /** Roles found, and containers for which none could be (not in the stack outputs). */
    record Result(Map<String, Target> targets, List<String> notInOutputs) {}

    /**
     * Finds every container's role.
     *
     * @throws AwsSetupException when a role in the stack outputs does not belong to this project and stage
     */
    /**
     * @param region the stage's region: the names of the roles the component creates carry it
     */
    static Result discover(ProjectConfig config, Optional<StackOutputs> outputs, CallerIdentity caller, String region)
            throws AwsSetupException {
        Names names = Names.of(config);
        Map<String, Target> targets = new LinkedHashMap<>();
        List<String> notInOutputs = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        for (ContainerConfig c : config.containers().values()) {
            RunAsRole runAs = RunAsRole.of(config, c);
            if (runAs instanceof RunAsRole.Given given) {
                Source source = given.setting() == RunAsRole.Setting.CONTAINER ? Source.CONTAINER_ROLE : Source.DEPLOYMENT_ROLE;
                targets.put(c.name(), new Target(c.name(), given.arn(), source));
            } else if (outputs.isPresent()) {
                Optional<StackOutputs.RoleArn> fromOutputs = outputs.get().role(c.name());
                if (fromOutputs.isEmpty()) {
                    notInOutputs.add(c.name());
                    continue;
                }
                StackOutputs.RoleArn arn = fromOutputs.get();
                if (!RoleArns.name(arn.arn()).startsWith(names.prefix() + "-")) {
                    foreign.add(outputs.get().file() + ":" + arn.location() + " " + arn.path() + ": role " + RoleArns.name(arn.arn())
                            + " is not one of " + names.prefix() + "'s (expected a name starting with " + names.prefix()
                            + "-); was the file written for another stack?");
                    continue;
                }
                targets.put(c.name(), new Target(c.name(), arn.arn(), Source.STACK_OUTPUTS));
            } else {
                String name = ((RunAsRole.Created) runAs).name(region);
                targets.put(c.name(), new Target(c.name(), RoleArns.of(caller.partition(), caller.account(), name), Source.COMPONENT_NAME));
            }
        }
        if (!foreign.isEmpty()) {
            throw new AwsSetupException(foreign);
        }
        return new Result(targets, notInOutputs);
    }
}
