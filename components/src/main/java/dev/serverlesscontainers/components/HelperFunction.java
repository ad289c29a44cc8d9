package dev.serverlesscontainers.components;

import com.pulumi.asset.AssetArchive;
import com.pulumi.asset.StringAsset;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.lambda.Function;
import com.pulumi.aws.lambda.FunctionArgs;
import com.pulumi.aws.lambda.inputs.FunctionLoggingConfigArgs;
import com.pulumi.core.Output;
import dev.serverlesscontainers.model.naming.Names;
import dev.serverlesscontainers.model.naming.ResourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small Python function of the stack that the deploy invokes ({@code aws:lambda/Invocation}) to do
 * in AWS what neither AWS nor the provider does ({@link VersionPruner}, {@link RolloutWatcher}): the
 * deploy runs in a Pulumi program of any language, which has no AWS SDK we could count on, while the
 * Python runtime ships boto3. Each has its own log group, and a role whose one policy allows what the
 * caller lists plus writing that log group. Its names use an underscore, which container names cannot
 * hold, so no container's resources can take them.
 */
final class HelperFunction {
    static final String RUNTIME = "python3.12";
    static final int MEMORY_MB = 128;

    /** What a helper is: its qualifier in names, its code (a resource beside this class) and handler, what it does. */
    record Spec(String qualifier, String code, String handler, String description, int timeoutSeconds) {}

    final Function function;
    /** The role's policy: an invocation must wait for it, or the function runs without its permissions. */
    final RolePolicy policy;

    private HelperFunction(Function function, RolePolicy policy) {
        this.function = function;
        this.policy = policy;
    }

    /** The function, with a policy made of {@code statements} and the right to write its logs. */
    static HelperFunction create(DeployContext ctx, Spec spec, Output<List<Map<String, Object>>> statements) {
        var n = ctx.names;
        String fnName = n.project(spec.qualifier(), ResourceKind.LAMBDA_FUNCTION);
        var logs = DeployContext.logGroup(ctx, n.project(spec.qualifier(), ResourceKind.LOG_GROUP), Names.lambdaLogGroup(fnName));

        String roleName = n.project(spec.qualifier(), ResourceKind.IAM_ROLE);
        var role = new Role(roleName, RoleArgs.builder()
                .name(ctx.accountWideNames().applyValue(names -> names.project(spec.qualifier(), ResourceKind.IAM_ROLE)))
                .description(spec.description())
                .assumeRolePolicy(Iam.trustPolicy("lambda.amazonaws.com", List.of()))
                .tags(ctx.tags(roleName))
                .build(), ctx.options());
        String policyName = n.project(spec.qualifier(), ResourceKind.IAM_POLICY);
        var policy = new RolePolicy(policyName, RolePolicyArgs.builder()
                .name(policyName)
                .role(role.id())
                .policy(Output.tuple(statements, logs.arn()).applyValue(t -> policy(t.t1, t.t2)))
                .build(), ctx.options());

        var function = new Function(fnName, FunctionArgs.builder()
                .name(fnName)
                .description(spec.description() + " (Serverless Containers)")
                .runtime(RUNTIME)
                .handler(spec.handler())
                .code(new AssetArchive(Map.of(spec.code(), new StringAsset(code(spec.code())))))
                .role(role.arn())
                .memorySize(MEMORY_MB)
                .timeout(spec.timeoutSeconds())
                .loggingConfig(FunctionLoggingConfigArgs.builder().logFormat("Text").logGroup(logs.name()).build())
                .tags(ctx.tags(fnName))
                .build(), ctx.dependingOn(List.of(logs, policy)));
        return new HelperFunction(function, policy);
    }

    static String policy(List<Map<String, Object>> statements, String logGroupArn) {
        List<Map<String, Object>> all = new java.util.ArrayList<>(statements);
        all.add(statement("WriteOwnLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"), List.of(logGroupArn + ":*")));
        return Iam.json(Map.of("Version", "2012-10-17", "Statement", all));
    }

    static Map<String, Object> statement(String sid, List<String> actions, List<String> resources) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", sid);
        statement.put("Effect", "Allow");
        statement.put("Action", actions);
        statement.put("Resource", resources);
        return statement;
    }

    /** A helper's source, as the function runs it. */
    static String code(String file) {
        try (InputStream in = HelperFunction.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is missing beside " + HelperFunction.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
