package dev.serverlesscontainers.components;

import com.pulumi.asset.AssetArchive;
import com.pulumi.asset.StringAsset;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.lambda.Function;
import com.pulumi.aws.lambda.FunctionArgs;
import com.pulumi.aws.lambda.Invocation;
import com.pulumi.aws.lambda.InvocationArgs;
import com.pulumi.aws.lambda.inputs.FunctionLoggingConfigArgs;
import com.pulumi.core.Output;
import dev.serverlesscontainers.model.naming.Names;
import dev.serverlesscontainers.model.naming.ResourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes the old published versions of the stack's Lambda containers, keeping the newest
 * {@value #VERSIONS_KEPT} of each (and any version an alias points at) for rollback.
 *
 * <p>Nothing in AWS or the provider does this: Lambda has no version retention setting (AWS's Lambda
 * roadmap lists it as an open request, aws/aws-lambda-roadmap#36), and pulumi-aws 6.83.0's
 * {@code Function} only publishes ({@code publish}) while the Terraform resource under it leaves every
 * earlier version behind (hashicorp/terraform-provider-aws#17668). Versions are not resources of the
 * stack (only the latest is an output of the function), so the engine cannot delete them either.
 * What remains is to call {@code DeleteFunction} with a qualifier during the deploy. The deploy runs
 * in a Pulumi program of any language (through the provider plugin), which has no AWS SDK we could
 * count on; so the call is made in AWS, by a small function of the stack, invoked by an
 * {@code aws:lambda/Invocation} like the health check. Its code ({@value #CODE}) uses only what the
 * Python runtime ships (boto3).
 *
 * <p>One pruner per stack, one invocation per container: the invocation depends on the container's
 * {@code live} alias, and re-runs whenever the alias's version changes, so each {@code pulumi up} that
 * moved an alias prunes that function, and an update whose health check failed (the alias stayed)
 * prunes nothing. The pruner's role may list and delete versions of this stack's functions only:
 * {@code DeleteFunction} on {@code function:NAME:*}, the qualified ARNs, which do not include the
 * unqualified function itself, so the pruner cannot delete a function. Its names use an underscore,
 * which container names cannot hold, so no container's resources can take them.
 */
final class VersionPruner {
    /** Published versions kept per function: the live one and four to roll back to. */
    static final int VERSIONS_KEPT = 5;
    static final String CODE = "version_pruner.py";
    static final String HANDLER = "version_pruner.handler";
    static final String RUNTIME = "python3.12";
    /** Lists a few pages and deletes a few versions; the rest of a minute covers its retries while IAM applies a new policy. */
    static final int TIMEOUT_SECONDS = 60;
    static final int MEMORY_MB = 128;
    private static final String QUALIFIER = "version_pruner";

    private VersionPruner() {}

    /** The pruner and one invocation per function, when the stack has Lambda containers. */
    static void create(DeployContext ctx, Map<String, LambdaService> lambdas) {
        if (lambdas.isEmpty()) {
            return;
        }
        var n = ctx.names;
        String fnName = n.project(QUALIFIER, ResourceKind.LAMBDA_FUNCTION);
        String logsName = n.project(QUALIFIER, ResourceKind.LOG_GROUP);
        var logs = new LogGroup(logsName, LogGroupArgs.builder()
                .name(Names.lambdaLogGroup(fnName))
                .retentionInDays(DeployDefaults.LOG_RETENTION_DAYS)
                .tags(ctx.tags(logsName))
                .build(), ctx.options());

        String roleName = n.project(QUALIFIER, ResourceKind.IAM_ROLE);
        var role = new Role(roleName, RoleArgs.builder()
                .name(ctx.accountWideNames().applyValue(names -> names.project(QUALIFIER, ResourceKind.IAM_ROLE)))
                .description("Deletes old versions of " + n.prefix() + "'s Lambda functions")
                .assumeRolePolicy(Iam.trustPolicy("lambda.amazonaws.com", List.of()))
                .tags(ctx.tags(roleName))
                .build(), ctx.options());
        List<Output<String>> functionArns = new ArrayList<>();
        lambdas.values().forEach(l -> functionArns.add(Output.format("arn:%s:lambda:%s:%s:function:%s",
                ctx.partition(), ctx.region(), ctx.accountId(), l.function.name())));
        String policyName = n.project(QUALIFIER, ResourceKind.IAM_POLICY);
        var policy = new RolePolicy(policyName, RolePolicyArgs.builder()
                .name(policyName)
                .role(role.id())
                .policy(Output.tuple(Output.all(functionArns), logs.arn()).applyValue(t -> policy(t.t1, t.t2)))
                .build(), ctx.options());

        var pruner = new Function(fnName, FunctionArgs.builder()
                .name(fnName)
                .description("Deletes old versions of " + n.prefix() + "'s Lambda containers, keeping the newest " + VERSIONS_KEPT
                        + " and aliased ones (Serverless Containers)")
                .runtime(RUNTIME)
                .handler(HANDLER)
                .code(new AssetArchive(Map.of(CODE, new StringAsset(code()))))
                .role(role.arn())
                .memorySize(MEMORY_MB)
                .timeout(TIMEOUT_SECONDS)
                .loggingConfig(FunctionLoggingConfigArgs.builder().logFormat("Text").logGroup(logs.name()).build())
                .tags(ctx.tags(fnName))
                .build(), ctx.dependingOn(List.of(logs, policy)));

        lambdas.forEach((container, lambda) -> new Invocation(n.container(container, ResourceKind.LAMBDA_VERSION_PRUNING),
                InvocationArgs.builder()
                        .functionName(pruner.name())
                        .input(lambda.function.name().applyValue(VersionPruner::event))
                        // the alias's version, not the function's: an update whose check failed moved no alias and prunes nothing
                        .triggers(lambda.alias.functionVersion().applyValue(v -> Map.of("liveVersion", v)))
                        .build(),
                // the pruner may only run once its permissions are in place
                ctx.dependingOn(List.of(lambda.alias, policy))));
    }

    /** What the pruner is asked for one function. */
    static String event(String functionName) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("functionName", functionName);
        event.put("keep", VERSIONS_KEPT);
        return Iam.json(event);
    }

    /** Listing and deleting versions of these functions only, and writing its own log group. */
    static String policy(List<String> functionArns, String logGroupArn) {
        List<Map<String, Object>> statements = List.of(
                statement("ListVersionsAndAliases", List.of("lambda:ListAliases", "lambda:ListVersionsByFunction"), functionArns),
                statement("DeletePublishedVersions", List.of("lambda:DeleteFunction"),
                        functionArns.stream().map(arn -> arn + ":*").toList()),
                statement("WriteOwnLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"), List.of(logGroupArn + ":*")));
        return Iam.json(Map.of("Version", "2012-10-17", "Statement", statements));
    }

    private static Map<String, Object> statement(String sid, List<String> actions, List<String> resources) {
        return Map.of("Sid", sid, "Effect", "Allow", "Action", actions, "Resource", resources);
    }

    /** The pruner's source, as the function runs it. */
    static String code() {
        try (InputStream in = VersionPruner.class.getResourceAsStream(CODE)) {
            if (in == null) {
                throw new IllegalStateException(CODE + " is missing beside " + VersionPruner.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
