package dev.serverlesscontainers.model.load;

import java.util.List;

/**
 * Every kind of map the configuration file has, with the keys it accepts. The loader rejects any
 * other key, and a test checks that the published JSON Schema ({@value #SCHEMA_FILE} at the top of
 * the repository) declares exactly these keys in the definition named {@link #schemaDefinition()},
 * so that editors and the loader never disagree.
 */
public enum ConfigObject {
    ROOT("root", "name", "namespace", "org", "app", "frameworkVersion", "deployment", "stages", "containers"),
    DEPLOYMENT("deployment", "type", "slack", "awsVpc", "awsAlb", "awsLambda", "awsFargateEcs", "awsIam"),
    DEPLOYMENT_SLACK("deploymentSlack", "appConfigTokenSSMParameterPath"),
    AWS_VPC("awsVpc", "id", "publicSubnets", "privateSubnets", "s2sSecurityGroupId", "loadBalancerSecurityGroupId"),
    DEPLOYMENT_ALB("deploymentAwsAlb", "wafAclArn"),
    DEPLOYMENT_LAMBDA("deploymentAwsLambda", "versionsToKeep"),
    DEPLOYMENT_FARGATE("deploymentAwsFargateEcs", "executionRoleArn", "rolloutWatcher"),
    DEPLOYMENT_IAM("deploymentAwsIam", "roleArn"),
    STAGE("stage", "params", "resolvers"),
    CONTAINER("container", "src", "routing", "environment", "compute", "build", "dev", "integrations"),
    ROUTING("routing", "domain", "pathPattern", "pathHealthCheck"),
    COMPUTE("compute", "type", "awsLambda", "awsFargateEcs", "awsIam"),
    LAMBDA("awsLambda", "memory", "timeout", "vpc", "streaming"),
    FARGATE("awsFargateEcs", "cpu", "memory", "executionRoleArn", "scale", "spot"),
    IAM("awsIam", "customPolicy", "roleArn"),
    SCALE_MIN("scaleMin", "type", "min"),
    SCALE_MAX("scaleMax", "type", "max"),
    SCALE_DESIRED("scaleDesired", "type", "desired"),
    SCALE_TARGET("scaleTarget", "type", "target", "value", "scaleIn", "scaleInCooldown", "scaleOutCooldown"),
    SCALE_STEP("scaleStep", "type", "adjustmentType", "stepAdjustments", "cooldown", "metricAggregationType",
            "metricName", "namespace", "dimensions", "threshold", "comparisonOperator"),
    STEP_ADJUSTMENT("stepAdjustment", "metricIntervalLowerBound", "metricIntervalUpperBound", "scalingAdjustment"),
    DIMENSION("dimension", "name", "value"),
    BUILD("build", "dockerFileString", "args", "options"),
    DEV("dev", "hooks", "watchPath", "watchExtensions", "excludeDirectories", "command"),
    DEV_HOOKS("devHooks", "onreload"),
    INTEGRATION_SCHEDULE("integrationSchedule", "type", "schedule", "webhookPath"),
    INTEGRATION_EVENTBRIDGE("integrationAwsEventBridge", "type", "pattern", "webhookPath"),
    INTEGRATION_SLACK("integrationSlack", "type", "name", "socketMode", "webhookPath", "credentials"),
    SLACK_CREDENTIALS("slackCredentials", "signingSecret", "botToken", "appToken");

    /** The JSON Schema of the file, for editors (yaml-language-server), at the top of the repository. */
    public static final String SCHEMA_FILE = "serverless.containers.schema.json";

    /** Top-level keys starting with this are ignored: a place for YAML anchors, as in Compose files. */
    public static final String EXTENSION_PREFIX = "x-";

    private final String schemaDefinition;
    private final List<String> keys;

    ConfigObject(String schemaDefinition, String... keys) {
        this.schemaDefinition = schemaDefinition;
        this.keys = List.of(keys);
    }

    /** The name of this object's definition under {@code definitions} in the JSON Schema ("root" is the schema itself). */
    public String schemaDefinition() {
        return schemaDefinition;
    }

    public List<String> keys() {
        return keys;
    }
}
