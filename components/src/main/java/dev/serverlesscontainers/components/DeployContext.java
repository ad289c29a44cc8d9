package dev.serverlesscontainers.components;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.inputs.GetCallerIdentityArgs;
import com.pulumi.aws.inputs.GetPartitionArgs;
import com.pulumi.aws.inputs.GetRegionArgs;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;
import dev.serverlesscontainers.model.config.ComputeType;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.routing.ListenerRules;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.naming.Names;
import dev.serverlesscontainers.model.naming.ResourceKind;
import dev.serverlesscontainers.model.routing.RoutingTable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every part of the deploy shares: the model, the names, the routing table, the tags, and
 * options that make each child a child of the component.
 */
final class DeployContext {
    static final String TAG_PROJECT = "serverless-containers:project";
    static final String TAG_STAGE = "serverless-containers:stage";

    final Resource parent;
    final ProjectConfig config;
    final Names names;
    final RoutingTable routing;
    final ServerlessContainersArgs args;
    /** Other resources' outputs the model holds as tokens. */
    final ProgramOutputs outputs;
    private final Map<String, Integer> listenerPriorities;
    private final Map<String, String> tags;
    private Output<String> accountId;
    private Output<String> partition;
    private Output<String> region;
    private AwsValues awsValues;

    DeployContext(Resource parent, ProjectConfig config, ServerlessContainersArgs args, ProgramOutputs outputs) {
        this.parent = parent;
        this.outputs = outputs;
        this.config = config;
        this.names = Names.of(config);
        this.routing = RoutingTable.of(config);
        this.args = args;
        Set<String> fargate = new LinkedHashSet<>();
        config.containers().values().stream().filter(c -> c.compute().type() == ComputeType.AWS_FARGATE_ECS)
                .forEach(c -> fargate.add(c.name()));
        this.listenerPriorities = ListenerRules.priorities(routing, fargate);
        Map<String, String> t = new LinkedHashMap<>(args.tags());
        args.tagOutputs().keySet().forEach(t::remove);
        t.put(TAG_PROJECT, config.name());
        t.put(TAG_STAGE, config.stage());
        this.tags = java.util.Collections.unmodifiableMap(t);
    }

    /** The listener rules' priorities, by {@link ListenerRules#key}. */
    Map<String, Integer> listenerPriorities() {
        return listenerPriorities;
    }

    /** Tags for a resource, with the {@code Name} the consoles show. */
    Output<Map<String, String>> tags(String name) {
        Map<String, String> t = new LinkedHashMap<>(tags);
        t.put("Name", name);
        return withTagOutputs(t);
    }

    Output<Map<String, String>> tags() {
        return withTagOutputs(tags);
    }

    /** The plain tags and those whose values are other resources' outputs; ours (project, stage, Name) win over an output of the same key. */
    private Output<Map<String, String>> withTagOutputs(Map<String, String> plain) {
        if (args.tagOutputs().isEmpty()) {
            return Output.of(plain);
        }
        return OutputMaps.all(args.tagOutputs()).applyValue(outputs -> {
            Map<String, String> t = new LinkedHashMap<>(outputs);
            t.putAll(plain);
            return t;
        });
    }

    /** The value, as a secret when the container's configuration holds one ({@link ServerlessContainersArgs#isSecretFor}). */
    <T> Output<T> secretFor(ContainerConfig c, Output<T> value) {
        return args.isSecretFor(c.name()) ? value.asSecret() : value;
    }

    CustomResourceOptions options() {
        return CustomResourceOptions.builder().parent(parent).build();
    }

    /**
     * For a resource whose AWS name ends in a hash of what forces its replacement ({@code
     * Names.replaceable}): its replacement has another name, so it is created beside the original,
     * dependents move to it, and the original is deleted last. Said explicitly because the AWS provider
     * asks the engine to delete first whenever a program names a resource itself; for a load balancer
     * that would mean deleting it while its VPC origin and listeners still use it (seen under the real
     * engine, JavaProgramIT).
     */
    CustomResourceOptions replaceable() {
        return CustomResourceOptions.builder().parent(parent).deleteBeforeReplace(false).build();
    }

    /** {@link #replaceable()}, after {@code resources}. */
    CustomResourceOptions replaceable(List<? extends Resource> resources) {
        return replaceableOptions(resources).build();
    }

    /**
     * {@link #replaceable(List)}, for the caller to complete with what only it knows: the properties
     * another owner changes ({@code ignoreChanges}: autoscaling owns a service's desired count), or
     * how long the provider may wait ({@code customTimeouts}).
     */
    CustomResourceOptions.Builder replaceableOptions(List<? extends Resource> resources) {
        return CustomResourceOptions.builder().parent(parent).dependsOn(List.copyOf(resources)).deleteBeforeReplace(false);
    }

    CustomResourceOptions dependingOn(List<? extends Resource> resources) {
        return CustomResourceOptions.builder().parent(parent).dependsOn(List.copyOf(resources)).build();
    }

    CustomResourceOptions withProvider(ProviderResource provider) {
        return CustomResourceOptions.builder().parent(parent).provider(provider).build();
    }

    InvokeOptions invokeOptions() {
        return new InvokeOptions(parent, null, null);
    }

    /** A container's log group, kept {@value DeployDefaults#LOG_RETENTION_DAYS} days and removed with the stack. */
    static LogGroup logGroup(DeployContext ctx, ContainerConfig c, String computeQualifier, String groupName) {
        return logGroup(ctx, ctx.names.container(c.name(), computeQualifier, ResourceKind.LOG_GROUP), groupName);
    }

    /** A log group of the stack named {@code name}, kept {@value DeployDefaults#LOG_RETENTION_DAYS} days and removed with the stack. */
    static LogGroup logGroup(DeployContext ctx, String name, String groupName) {
        return new LogGroup(name, LogGroupArgs.builder()
                .name(groupName)
                .retentionInDays(DeployDefaults.LOG_RETENTION_DAYS)
                .tags(ctx.tags(name))
                .build(), ctx.options());
    }

    /** The configuration's AWS variables as program values. */
    AwsValues awsValues() {
        if (awsValues == null) {
            awsValues = new AwsValues(this);
        }
        return awsValues;
    }

    Output<String> accountId() {
        if (accountId == null) {
            accountId = AwsFunctions.getCallerIdentity(GetCallerIdentityArgs.builder().build(), invokeOptions()).applyValue(r -> r.accountId());
        }
        return accountId;
    }

    Output<String> partition() {
        if (partition == null) {
            partition = AwsFunctions.getPartition(GetPartitionArgs.builder().build(), invokeOptions()).applyValue(r -> r.partition());
        }
        return partition;
    }

    /**
     * Names for resources named once per account rather than per region (IAM roles, CloudFront
     * functions, origin access controls): they carry the region, so the same project and stage can be
     * deployed to two regions.
     */
    Output<Names> accountWideNames() {
        return region().applyValue(names::inRegion);
    }

    Output<String> region() {
        if (region == null) {
            region = AwsFunctions.getRegion(GetRegionArgs.builder().build(), invokeOptions()).applyValue(r -> r.name());
        }
        return region;
    }
}
