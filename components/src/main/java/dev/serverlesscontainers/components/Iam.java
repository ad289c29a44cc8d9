package dev.serverlesscontainers.components;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import dev.serverlesscontainers.model.config.ComputeType;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.naming.ResourceKind;
import dev.serverlesscontainers.model.naming.RunAsRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Roles: per container the role its code runs as ({@link RunAsRole}, the same one dev mode assumes):
 * one we create (trusted by ECS tasks or by Lambda) with the container's {@code customPolicy} inline,
 * or the role the user names; the shared ECS task execution
 * role; and, on stages that are not production, a trust statement for the developer principals that
 * dev mode assumes the role as.
 *
 * <p>A container's role is named after its compute type, so a container that switches compute gets a
 * new role with the new compute, and the old one goes with the old compute. Role names are unique in
 * the account, so they carry the region ({@link DeployContext#accountWideNames}).
 */
final class Iam {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Iam() {}

    /** The ARN the container's code runs as, and the role when this deploy created it. */
    record ContainerRole(Output<String> arn, Optional<Role> role) {
        /** The role's name: the created role's, or the last part of the ARN given. */
        Output<String> name() {
            return role.map(Role::name).orElseGet(() -> arn.applyValue(a -> a.substring(a.lastIndexOf('/') + 1)));
        }
    }

    static ContainerRole containerRole(DeployContext ctx, ContainerConfig c) {
        RunAsRole runAs = RunAsRole.of(ctx.config, c);
        if (runAs instanceof RunAsRole.Given given) {
            return new ContainerRole(Output.of(given.arn()), Optional.empty());
        }
        String service = c.compute().type() == ComputeType.AWS_LAMBDA ? "lambda.amazonaws.com" : "ecs-tasks.amazonaws.com";
        var created = (RunAsRole.Created) runAs;
        // the logical name stays the one without the region, so a stack keeps its resource when the physical name changes
        String name = ctx.names.containerRole(c.name(), c.compute().type());
        var role = new Role(name, RoleArgs.builder()
                .name(ctx.region().applyValue(created::name))
                .description("What " + ctx.names.prefix() + "'s container " + c.name() + " runs as")
                .assumeRolePolicy(trustPolicy(service, ctx.args.devTrustPrincipalArns()))
                .tags(ctx.tags(name))
                .build(), ctx.options());
        c.iam().flatMap(i -> i.customPolicyJson()).ifPresent(policy ->
                new RolePolicy(ctx.names.container(c.name(), ResourceKind.IAM_POLICY), RolePolicyArgs.builder()
                        .name(ctx.names.container(c.name(), ResourceKind.IAM_POLICY))
                        .role(role.id())
                        .policy(ctx.awsValues().json(policy))
                        .build(), ctx.options()));
        return new ContainerRole(role.arn(), Optional.of(role));
    }

    /** The ECS task execution role (pulls images, writes logs), unless the user gives one. */
    static Output<String> executionRole(DeployContext ctx) {
        if (ctx.config.deployment().executionRoleArn().isPresent()) {
            return Output.of(ctx.config.deployment().executionRoleArn().get());
        }
        String name = ctx.names.project(ResourceKind.EXECUTION_ROLE);
        var role = new Role(name, RoleArgs.builder()
                .name(ctx.accountWideNames().applyValue(names -> names.project(ResourceKind.EXECUTION_ROLE)))
                .description("ECS task execution role of " + ctx.names.prefix() + ": pulls images and writes logs")
                .assumeRolePolicy(trustPolicy("ecs-tasks.amazonaws.com", List.of()))
                .tags(ctx.tags(name))
                .build(), ctx.options());
        new RolePolicyAttachment(ctx.names.project(ResourceKind.IAM_POLICY_ATTACHMENT), RolePolicyAttachmentArgs.builder()
                .role(role.name())
                .policyArn(ctx.partition().applyValue(p -> "arn:" + p + ":iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"))
                .build(), ctx.options());
        return role.arn();
    }

    /** Lets a Lambda function write its own log group (and reach the VPC when it runs in it). */
    static void lambdaBasics(DeployContext ctx, ContainerConfig c, Role role, Output<String> logGroupArn, boolean vpc) {
        var policy = logGroupArn.applyValue(arn -> json(Map.of(
                "Version", "2012-10-17",
                "Statement", List.of(Map.of(
                        "Effect", "Allow",
                        "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        "Resource", List.of(arn + ":*"))))));
        String name = ctx.names.container(c.name(), "logs", ResourceKind.IAM_POLICY);
        new RolePolicy(name, RolePolicyArgs.builder().name(name).role(role.id()).policy(policy).build(), ctx.options());
        if (vpc) {
            new RolePolicyAttachment(ctx.names.container(c.name(), "vpc", ResourceKind.IAM_POLICY_ATTACHMENT), RolePolicyAttachmentArgs.builder()
                    .role(role.name())
                    .policyArn(ctx.partition().applyValue(p -> "arn:" + p + ":iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"))
                    .build(), ctx.options());
        }
    }

    static String trustPolicy(String service, List<String> devPrincipals) {
        List<Map<String, Object>> statements = new ArrayList<>();
        statements.add(statement(Map.of("Service", service)));
        if (!devPrincipals.isEmpty()) {
            Map<String, Object> dev = statement(Map.of("AWS", devPrincipals));
            dev.put("Sid", "DevModeAssumeRole");
            statements.add(dev);
        }
        return json(Map.of("Version", "2012-10-17", "Statement", statements));
    }

    private static Map<String, Object> statement(Map<String, Object> principal) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Effect", "Allow");
        s.put("Principal", principal);
        s.put("Action", "sts:AssumeRole");
        return s;
    }

    static String json(Object value) {
        try {
            return JSON.writer().with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
