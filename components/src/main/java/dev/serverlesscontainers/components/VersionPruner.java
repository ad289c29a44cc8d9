package dev.serverlesscontainers.components;

import com.pulumi.aws.lambda.Invocation;
import com.pulumi.aws.lambda.InvocationArgs;
import com.pulumi.core.Output;
import dev.serverlesscontainers.model.naming.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes the old published versions of the stack's Lambda containers, keeping the newest
 * {@code deployment.awsLambda.versionsToKeep} of each (and any version an alias points at) for rollback.
 * With {@code versionsToKeep: 0} the stack keeps every version and has no pruner at all, for accounts
 * where the deploying identity may not create IAM roles.
 *
 * <p>Nothing in AWS or the provider does this: Lambda has no version retention setting (AWS's Lambda
 * roadmap lists it as an open request, aws/aws-lambda-roadmap#36), and pulumi-aws 6.83.0's
 * {@code Function} only publishes ({@code publish}) while the Terraform resource under it leaves every
 * earlier version behind (hashicorp/terraform-provider-aws#17668). Versions are not resources of the
 * stack (only the latest is an output of the function), so the engine cannot delete them either.
 * What remains is to call {@code DeleteFunction} with a qualifier during the deploy. The deploy runs
 * in a Pulumi program of any language (through the provider plugin), which has no AWS SDK we could
 * count on; so the call is made in AWS, by a small function of the stack ({@link HelperFunction}),
 * invoked by an {@code aws:lambda/Invocation} like the health check. Its code ({@value #CODE}) uses only what the
 * Python runtime ships (boto3).
 *
 * <p>One pruner per stack, one invocation per container: the invocation depends on the container's
 * {@code live} alias, and re-runs whenever the alias's version changes, so each {@code pulumi up} that
 * moved an alias prunes that function, and an update whose health check failed (the alias stayed)
 * prunes nothing. The pruner's role may list and delete versions of this stack's functions only:
 * {@code DeleteFunction} on {@code function:NAME:*}, the qualified ARNs, which do not include the
 * unqualified function itself, so the pruner cannot delete a function.
 */
final class VersionPruner {
    static final String CODE = "version_pruner.py";
    static final String HANDLER = "version_pruner.handler";
    /** Lists a few pages and deletes a few versions; the rest of a minute covers its retries while IAM applies a new policy. */
    static final int TIMEOUT_SECONDS = 60;
    private static final String QUALIFIER = "version_pruner";

    private VersionPruner() {}

    /** The pruner and one invocation per function, when the stack has Lambda containers and prunes their versions. */
    static void create(DeployContext ctx, Map<String, LambdaService> lambdas) {
        if (lambdas.isEmpty() || !ctx.config.deployment().prunesVersions()) {
            return;
        }
        int keep = ctx.config.deployment().versionsToKeep();
        var n = ctx.names;
        List<Output<String>> functionArns = new ArrayList<>();
        lambdas.values().forEach(l -> functionArns.add(Output.format("arn:%s:lambda:%s:%s:function:%s",
                ctx.partition(), ctx.region(), ctx.accountId(), l.function.name())));
        var pruner = HelperFunction.create(ctx, new HelperFunction.Spec(QUALIFIER, CODE, HANDLER,
                "Deletes old versions of " + n.prefix() + "'s Lambda containers, keeping the newest " + keep + " and aliased ones",
                TIMEOUT_SECONDS), Output.all(functionArns).applyValue(VersionPruner::statements));

        lambdas.forEach((container, lambda) -> new Invocation(n.container(container, ResourceKind.LAMBDA_VERSION_PRUNING),
                InvocationArgs.builder()
                        .functionName(pruner.function.name())
                        .input(lambda.function.name().applyValue(name -> event(name, keep)))
                        // the alias's version, not the function's: an update whose check failed moved no alias and prunes nothing
                        .triggers(lambda.alias.functionVersion().applyValue(v -> Map.of("liveVersion", v)))
                        .build(),
                // the pruner may only run once its permissions are in place
                ctx.dependingOn(List.of(lambda.alias, pruner.policy))));
    }

    /** What the pruner is asked for one function: delete all but its {@code keep} newest versions. */
    static String event(String functionName, int keep) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("functionName", functionName);
        event.put("keep", keep);
        return Iam.json(event);
    }

    /** Listing and deleting versions of these functions only (the helper adds writing its own log group). */
    private static List<Map<String, Object>> statements(List<String> functionArns) {
        return List.of(
                HelperFunction.statement("ListVersionsAndAliases", List.of("lambda:ListAliases", "lambda:ListVersionsByFunction"), functionArns),
                HelperFunction.statement("DeletePublishedVersions", List.of("lambda:DeleteFunction"),
                        functionArns.stream().map(arn -> arn + ":*").toList()));
    }

    /** The pruner's source, as the function runs it. */
    static String code() {
        return HelperFunction.code(CODE);
    }
}
