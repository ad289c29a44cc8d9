package dev.serverlesscontainers.components;

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
import dev.serverlesscontainers.model.Compute;
import dev.serverlesscontainers.model.ComputeType;
import dev.serverlesscontainers.model.ContainerConfig;
import dev.serverlesscontainers.model.ContainerEnvironment;
import dev.serverlesscontainers.model.Defaults;
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
 * distribution's update sends it traffic. Before that update, the function must also have answered its
 * health check ({@link LambdaHealthCheck}).
 */
final class LambdaService {
    final Function function;
    final FunctionUrl url;
    /** What must exist before CloudFront may route to the function. */
    final List<Resource> ready;
    final Output<String> roleArn;

    private LambdaService(Function function, FunctionUrl url, List<Resource> ready, Output<String> roleArn) {
        this.function = function;
        this.url = url;
        this.ready = ready;
        this.roleArn = roleArn;
    }

    static LambdaService create(DeployContext ctx, ContainerConfig c, ContainerImage image, Network network) {
        var n = ctx.names;
        var compute = (Compute.Lambda) c.compute();
        String fnName = n.container(c.name(), ResourceKind.LAMBDA_FUNCTION);
        var logs = DeployContext.logGroup(ctx, c, Names.computeQualifier(ComputeType.AWS_LAMBDA), "/aws/lambda/" + fnName);
        var role = Iam.containerRole(ctx, c);
        role.role().ifPresent(r -> Iam.lambdaBasics(ctx, c, r, logs.arn(), compute.vpc()));

        var args = FunctionArgs.builder()
                .name(fnName)
                .description("Container " + c.name() + " of " + n.prefix() + " (Serverless Containers)")
                .packageType("Image")
                .imageUri(image.imageUri)
                .architectures(image.build.arm64() ? "arm64" : "x86_64")
                .role(role.arn())
                .memorySize(compute.memory())
                .timeout(compute.timeout())
                .environment(ctx.secretFor(c, Output.of(FunctionEnvironmentArgs.builder()
                        .variables(ContainerEnvironment.of(ctx.config, c, Defaults.CONTAINER_PORT, false))
                        .build())))
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
        var url = new FunctionUrl(n.container(c.name(), ResourceKind.LAMBDA_URL), FunctionUrlArgs.builder()
                .functionName(function.name())
                .authorizationType("AWS_IAM")
                .invokeMode(compute.streaming() ? "RESPONSE_STREAM" : "BUFFERED")
                .build(), ctx.options());

        Output<String> distributions = Output.format("arn:%s:cloudfront::%s:distribution/*", ctx.partition(), ctx.accountId());
        List<Resource> ready = new ArrayList<>(List.of(function, url));
        // AWS requires both actions for function URLs created since October 2025
        for (String action : List.of("InvokeFunctionUrl", "InvokeFunction")) {
            boolean viaUrl = action.equals("InvokeFunctionUrl");
            var permission = PermissionArgs.builder()
                    .function(function.name())
                    .statementId("AllowCloudFront" + action)
                    .action("lambda:" + action)
                    .principal("cloudfront.amazonaws.com")
                    .sourceAccount(ctx.accountId())
                    .sourceArn(distributions);
            if (viaUrl) {
                permission.functionUrlAuthType("AWS_IAM");
            }
            ready.add(new Permission(n.container(c.name(), viaUrl ? "url" : "function", ResourceKind.LAMBDA_PERMISSION),
                    permission.build(), ctx.options()));
        }
        // healthy before traffic: the function must answer its health check once after each change
        // (see LambdaHealthCheck); the distribution and the routing function wait for this as for the rest
        String healthPath = c.routing().pathHealthCheck();
        ready.add(new Invocation(n.container(c.name(), ResourceKind.LAMBDA_INVOCATION), InvocationArgs.builder()
                .functionName(function.name())
                .input(LambdaHealthCheck.event(healthPath))
                // AWS always reports lastModified; a program's own mocks may not
                .triggers(function.lastModified().applyValue(modified -> Map.of("functionLastModified", Objects.requireNonNullElse(modified, ""))))
                .build(), ctx.dependingOn(List.copyOf(ready))));
        return new LambdaService(function, url, List.copyOf(ready), role.arn());
    }

    /** The URL's host, as a CloudFront origin names it. */
    Output<String> originDomain() {
        return url.functionUrl().applyValue(u -> u.replaceFirst("^https://", "").replaceFirst("/$", ""));
    }
}
