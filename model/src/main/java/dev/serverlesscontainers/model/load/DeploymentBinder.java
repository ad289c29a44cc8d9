package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.config.Defaults;
import dev.serverlesscontainers.model.config.DeploymentConfig;

import static dev.serverlesscontainers.model.load.NodeReader.join;

import dev.serverlesscontainers.model.config.DeploymentConfig.AwsVpc;
import dev.serverlesscontainers.model.yaml.YNode;
import dev.serverlesscontainers.model.yaml.YNode.YMap;
import java.util.List;
import java.util.Optional;

/**
 * Binds {@code deployment}: its type, an existing VPC ({@code awsVpc}), the WAF ACL, the shared roles and
 * the switches of the stack's helper functions ({@code awsLambda.versionsToKeep}, {@code awsFargateEcs.rolloutWatcher}).
 */
final class DeploymentBinder {
    private final NodeReader r;

    DeploymentBinder(NodeReader reader) {
        this.r = reader;
    }

    DeploymentConfig bind(YNode node) {
        Optional<YMap> m = r.object(node, "deployment", ConfigObject.DEPLOYMENT, "containers.<name>");
        if (m.isEmpty()) {
            return DeploymentConfig.defaults();
        }
        YMap d = m.get();
        String type = r.string(d, "type", "deployment").orElse(DeploymentConfig.AWS_1_0);
        if (type.equals(DeploymentConfig.AWS_API_1_0)) {
            r.problems.warn(d.get("type").location(), "deployment.type", "awsApi@1.0 is treated as aws@1.0");
            type = DeploymentConfig.AWS_1_0;
        } else if (!type.equals(DeploymentConfig.AWS_1_0)) {
            r.problems.error(d.get("type"), "deployment.type", "unknown deployment type (expected aws@1.0; got " + type + ")");
        }
        // deployment notifications through a Slack app: SCF's service, nothing to deploy here
        r.object(d.get("slack"), "deployment.slack", ConfigObject.DEPLOYMENT_SLACK, "")
                .ifPresent(slack -> r.string(slack, "appConfigTokenSSMParameterPath", "deployment.slack"));
        Optional<AwsVpc> vpc = vpc(d.get("awsVpc"));
        Optional<String> waf = r.object(d.get("awsAlb"), "deployment.awsAlb", ConfigObject.DEPLOYMENT_ALB, "")
                .flatMap(a -> arn(a, "wafAclArn", "deployment.awsAlb", "^arn:aws[a-zA-Z-]*:wafv2:[a-z0-9-]+:\\d{12}:regional/webacl/.+$",
                        "a regional WAFv2 web ACL ARN (arn:aws:wafv2:REGION:ACCOUNT:regional/webacl/NAME/ID)"));
        Optional<YMap> fargate = r.object(d.get("awsFargateEcs"), "deployment.awsFargateEcs", ConfigObject.DEPLOYMENT_FARGATE, "");
        Optional<String> exec = fargate
                .flatMap(a -> arn(a, "executionRoleArn", "deployment.awsFargateEcs", ComputeBinder.ROLE_ARN_PATTERN, "an IAM role ARN"));
        boolean rolloutWatcher = fargate.flatMap(a -> r.bool(a, "rolloutWatcher", "deployment.awsFargateEcs"))
                .orElse(Defaults.FARGATE_ROLLOUT_WATCHER);
        int versionsToKeep = r.object(d.get("awsLambda"), "deployment.awsLambda", ConfigObject.DEPLOYMENT_LAMBDA, "")
                .flatMap(this::versionsToKeep).orElse(Defaults.LAMBDA_VERSIONS_TO_KEEP);
        Optional<String> role = r.object(d.get("awsIam"), "deployment.awsIam", ConfigObject.DEPLOYMENT_IAM, "")
                .flatMap(a -> arn(a, "roleArn", "deployment.awsIam", ComputeBinder.ROLE_ARN_PATTERN, "an IAM role ARN"));
        return new DeploymentConfig(type, vpc, waf, exec, role, versionsToKeep, rolloutWatcher);
    }

    /** 0 keeps every version; otherwise the live one and at least one to roll back to, all with their images. */
    private Optional<Integer> versionsToKeep(YMap lambda) {
        Optional<Long> v = r.integer(lambda, "versionsToKeep", "deployment.awsLambda");
        if (v.isEmpty() || v.get() == Defaults.LAMBDA_VERSIONS_KEEP_ALL
                || (v.get() >= Defaults.LAMBDA_VERSIONS_TO_KEEP_MIN && v.get() <= Defaults.LAMBDA_VERSIONS_TO_KEEP_MAX)) {
            return v.map(Long::intValue);
        }
        r.problems.error(lambda.get("versionsToKeep"), "deployment.awsLambda.versionsToKeep", "must be " + Defaults.LAMBDA_VERSIONS_KEEP_ALL
                + " (keep every version) or between " + Defaults.LAMBDA_VERSIONS_TO_KEEP_MIN + " and " + Defaults.LAMBDA_VERSIONS_TO_KEEP_MAX
                + ": the live version and one to roll back to at least, and no more than the images each ECR repository keeps (got " + v.get() + ")");
        return Optional.empty();
    }

    private Optional<String> arn(YMap map, String key, String path, String pattern, String what) {
        Optional<String> v = r.string(map, key, path);
        if (v.isPresent() && !v.get().matches(pattern)) {
            r.problems.error(map.get(key), join(path, key), "expected " + what + " (got " + v.get() + ")");
            return Optional.empty();
        }
        return v;
    }

    private Optional<AwsVpc> vpc(YNode node) {
        String path = "deployment.awsVpc";
        Optional<YMap> m = r.object(node, path, ConfigObject.AWS_VPC, "");
        if (m.isEmpty()) {
            return Optional.empty();
        }
        YMap v = m.get();
        List<String> missing = ConfigObject.AWS_VPC.keys().stream().filter(k -> v.get(k) == null).toList();
        if (!missing.isEmpty()) {
            r.problems.error(v, path, "awsVpc needs all of its settings or none; missing " + String.join(", ", missing));
        }
        Optional<String> id = idValue(v, "id", path, "vpc-");
        List<String> publicSubnets = subnets(v, "publicSubnets", path);
        List<String> privateSubnets = subnets(v, "privateSubnets", path);
        Optional<String> s2s = idValue(v, "s2sSecurityGroupId", path, "sg-");
        Optional<String> lb = idValue(v, "loadBalancerSecurityGroupId", path, "sg-");
        if (!missing.isEmpty() || id.isEmpty() || s2s.isEmpty() || lb.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AwsVpc(id.get(), publicSubnets, privateSubnets, s2s.get(), lb.get()));
    }

    private Optional<String> idValue(YMap map, String key, String path, String prefix) {
        Optional<String> v = r.string(map, key, path);
        if (v.isPresent() && !v.get().matches("^" + prefix + "[0-9a-f]{8,17}$")) {
            r.problems.error(map.get(key), join(path, key), "expected an id like " + prefix + "0123abcd (got " + v.get() + ")");
            return Optional.empty();
        }
        return v;
    }

    private List<String> subnets(YMap map, String key, String path) {
        List<String> ids = r.stringList(map, key, path);
        for (String id : ids) {
            if (!id.matches("^subnet-[0-9a-f]{8,17}$")) {
                r.problems.error(map.get(key), join(path, key), "expected subnet ids like subnet-0123abcd (got " + id + ")");
                return List.of();
            }
        }
        if (map.get(key) != null && ids.size() < 2) {
            r.problems.error(map.get(key), join(path, key), "needs at least two subnets, in two availability zones (got " + ids.size() + ")");
        }
        return ids;
    }
}
