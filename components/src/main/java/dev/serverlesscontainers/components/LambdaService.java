package dev.serverlesscontainers.components;

import com.pulumi.aws.lambda.Alias;
import com.pulumi.aws.lambda.AliasArgs;
import com.pulumi.aws.lambda.Function;
import com.pulumi.aws.lambda.FunctionArgs;
import com.pulumi.aws.lambda.FunctionUrl;
import com.pulumi.aws.lambda.FunctionUrlArgs;
import com.pulumi.aws.lambda.Invocation;
import com.pulumi.aws.lambda.InvocationArgs;
import com.pulumi.aws.lambda.Permission;
import com.pulumi.aws.lambda.PermissionArgs;
import com.pulumi.aws.lambda.inputs.FunctionEnvironmentArgs;
import com.pulumi.aws.lambda.inputs.FunctionLoggingConfigArgs;
import com.pulumi.aws.lambda.inputs.FunctionVpcConfigArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import dev.serverlesscontainers.model.config.Compute;
import dev.serverlesscontainers.model.config.ComputeType;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.ContainerEnvironment;
import dev.serverlesscontainers.model.config.Defaults;
import dev.serverlesscontainers.model.naming.Names;
import dev.serverlesscontainers.model.naming.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A container on AWS Lambda: its log group (with a retention period, removed with the stack), the
 * function running the image (which carries the Lambda Web Adapter, unless it is a handler image), a
 * function URL (streaming responses with {@code compute.awsLambda.streaming}) with
 * {@code AWS_IAM} auth, and the permissions that let CloudFront, and nothing else, call it: CloudFront
 * signs its requests through origin access control, so the URL answers no unsigned request.
 *
 * <p>The permissions name the CloudFront service principal, this account, and this account's
 * distributions. They cannot name this stack's distribution by its ARN: the ARN is only known once
 * the distribution is deployed, and a container that switches to Lambda must be callable before the
 * distribution's update sends it traffic.
 *
 * <p>Every change publishes a new version; CloudFront never calls {@code $LATEST} or a version
 * directly, but the {@value #LIVE_ALIAS} alias, which the URL and the permissions are qualified with.
 * The alias moves to a new version only once that version has answered its health check
 * ({@link LambdaHealthCheck}), so a new image that does not start, or answers unhealthy, fails the
 * update while traffic stays on the old version. Old versions are deleted after the alias moved, by
 * the stack's {@link VersionPruner}.
 */
final class LambdaService {
    /** The alias CloudFront's requests go to; it points at the last version that passed its health check. */
    static final String LIVE_ALIAS = "live";
    private static final String CLOUDFRONT = "cloudfront.amazonaws.com";

    final Function function;
    final FunctionUrl url;
    /** The {@value #LIVE_ALIAS} alias; it moves only to a version that passed its health check. */
    final Alias alias;
    /** What must exist before CloudFront may route to the function. */
    final List<Resource> ready;
    final Output<String> roleArn;
    final Output<String> roleName;
    final Output<String> logGroupName;

    private LambdaService(Function function, FunctionUrl url, Alias alias, List<Resource> ready, Iam.ContainerRole role, Output<String> logGroupName) {
        this.function = function;
        this.url = url;
        this.alias = alias;
        this.ready = ready;
        this.roleArn = role.arn();
        this.roleName = role.name();
        this.logGroupName = logGroupName;
    }

    static LambdaService create(DeployContext ctx, ContainerConfig c, ContainerImage image, Network network) {
        var n = ctx.names;
        var compute = (Compute.Lambda) c.compute();
        String fnName = n.container(c.name(), ResourceKind.LAMBDA_FUNCTION);
        var logs = DeployContext.logGroup(ctx, c, Names.computeQualifier(ComputeType.AWS_LAMBDA), Names.lambdaLogGroup(fnName));
        var role = Iam.containerRole(ctx, c);
        role.role().ifPresent(r -> Iam.lambdaBasics(ctx, c, r, logs.arn(), compute.vpc()));

        var args = FunctionArgs.builder()
                .name(fnName)
                .description("Container " + c.name() + " of " + n.prefix() + " (Serverless Containers)")
                .packageType("Image")
                .publish(true)
                .imageUri(image.imageUri)
                .architectures(image.build.arm64() ? "arm64" : "x86_64")
                .role(role.arn())
                .memorySize(compute.memory())
                .timeout(compute.timeout())
                .environment(ctx.secretFor(c, ctx.awsValues().map(ContainerEnvironment.of(ctx.config, c, Defaults.CONTAINER_PORT, false))
                        .applyValue(variables -> FunctionEnvironmentArgs.builder().variables(variables).build())))
                .loggingConfig(FunctionLoggingConfigArgs.builder().logFormat("Text").logGroup(logs.name()).build())
                .tags(ctx.tags(fnName));
        if (compute.vpc()) {
            args.vpcConfig(FunctionVpcConfigArgs.builder()
                    .subnetIds(network.publicSubnetIds)
                    .securityGroupIds(network.serviceToServiceSecurityGroupId.applyValue(List::of))
                    .build());
        }
        List<Resource> before = role.role().<List<Resource>>map(r -> List.of(logs, r)).orElse(List.of(logs));
        var function = new Function(fnName, args.build(), ctx.dependingOn(before));
        // AWS always reports the published version; a program's own mocks may not
        Output<String> version = function.version().applyValue(v -> Objects.requireNonNullElse(v, "$LATEST"));

        // healthy before traffic: each new version answers its health check (see LambdaHealthCheck)
        // before the alias, and with it the URL CloudFront calls, moves to it
        String healthPath = c.routing().pathHealthCheck();
        var check = new Invocation(n.container(c.name(), ResourceKind.LAMBDA_INVOCATION), InvocationArgs.builder()
                .functionName(function.name())
                .qualifier(version)
                .input(LambdaHealthCheck.event(healthPath))
                .triggers(version.applyValue(v -> Map.of("version", v)))
                .build(), ctx.dependingOn(List.of(function)));
        Output<String> healthyVersion = Output.tuple(version, check.result())
                .applyValue(t -> LambdaHealthCheck.healthyVersion(c.name(), fnName, healthPath, t.t1, t.t2));
        var alias = new Alias(n.container(c.name(), ResourceKind.LAMBDA_ALIAS), AliasArgs.builder()
                .name(LIVE_ALIAS)
                .description("The version of " + c.name() + " that CloudFront calls: the last one that passed its health check")
                .functionName(function.name())
                .functionVersion(healthyVersion)
                .build(), ctx.dependingOn(List.of(check)));

        var url = new FunctionUrl(n.container(c.name(), ResourceKind.LAMBDA_URL), FunctionUrlArgs.builder()
                .functionName(function.name())
                .qualifier(alias.name())
                .authorizationType("AWS_IAM")
                .invokeMode(compute.streaming() ? "RESPONSE_STREAM" : "BUFFERED")
                .build(), ctx.dependingOn(List.of(alias)));

        Output<String> distributions = Output.format("arn:%s:cloudfront::%s:distribution/*", ctx.partition(), ctx.accountId());
        List<Resource> ready = new ArrayList<>(List.of(function, check, alias, url));
        // AWS requires both actions for function URLs created since October 2025
        for (String action : List.of("InvokeFunctionUrl", "InvokeFunction")) {
            boolean viaUrl = action.equals("InvokeFunctionUrl");
            var permission = PermissionArgs.builder()
                    .function(function.name())
                    .qualifier(alias.name())
                    // every input of a permission forces its replacement, and the replacement is added
                    // before the original is removed: a statement id of those inputs never collides
                    .statementId(distributions.applyValue(arns -> Names.replaceable("AllowCloudFront" + action,
                            ResourceKind.LAMBDA_PERMISSION, List.of(action, CLOUDFRONT, LIVE_ALIAS, arns))))
                    .action("lambda:" + action)
                    .principal(CLOUDFRONT)
                    .sourceAccount(ctx.accountId())
                    .sourceArn(distributions);
            if (viaUrl) {
                permission.functionUrlAuthType("AWS_IAM");
            }
            ready.add(new Permission(n.container(c.name(), viaUrl ? "url" : "function", ResourceKind.LAMBDA_PERMISSION),
                    permission.build(), ctx.replaceable(List.of(alias))));
        }
        return new LambdaService(function, url, alias, List.copyOf(ready), role, logs.name());
    }

    /** The URL's host, as a CloudFront origin names it. */
    Output<String> originDomain() {
        return url.functionUrl().applyValue(u -> u.replaceFirst("^https://", "").replaceFirst("/$", ""));
    }
}
