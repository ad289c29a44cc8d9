package dev.serverlesscontainers.provider;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.pulumi.core.Alias;
import com.pulumi.core.internal.Internal;
import com.pulumi.deployment.internal.DeploymentInstanceHolder;
import com.pulumi.deployment.internal.InlineDeploymentSettings;
import com.pulumi.internal.PulumiInternal;
import com.pulumi.provider.internal.properties.PropertyValue;
import com.pulumi.provider.internal.properties.PropertyValueSerializer;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomTimeouts;
import com.pulumi.resources.DependencyResource;
import com.pulumi.resources.StackOptions;
import com.pulumi.resources.internal.DependencyProviderResource;
import dev.serverlesscontainers.components.ServerlessContainers;
import dev.serverlesscontainers.components.ServerlessContainersArgs;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import pulumirpc.Provider.ConstructRequest;
import pulumirpc.Provider.ConstructResponse;

/**
 * One {@code Construct}: the component built by the Pulumi Java SDK against the resource monitor the
 * engine names in the request, its children registered there as if a Java program had declared it.
 */
final class ComponentConstruction {
    private ComponentConstruction() {}

    /**
     * @param environment the plugin's environment: the Pulumi CLI's, which the engine passes on
     * @return the component's URN and outputs; fails with {@link dev.serverlesscontainers.components.InvalidConfigurationException}
     *         for inputs or a configuration the component refuses
     */
    static CompletableFuture<ConstructResponse> run(String engineAddress, ConstructRequest request, Map<String, String> environment) {
        ServerlessContainersArgs args = ComponentInputs.decode(PropertyValue.unmarshalProperties(request.getInputs()), environment);
        ComponentResourceOptions options = options(request);
        var settings = InlineDeploymentSettings.builder()
                .monitorAddr(request.getMonitorEndpoint())
                .engineAddr(engineAddress)
                .project(request.getProject())
                .stack(request.getStack())
                .organization(request.getOrganization())
                .isDryRun(request.getDryRun())
                .config(ImmutableMap.copyOf(request.getConfigMap()))
                .configSecretKeys(ImmutableSet.copyOf(request.getConfigSecretKeysList()))
                .build();
        return PulumiInternal.fromInline(settings, StackOptions.builder().build())
                .runInlineAsync(ctx -> {
                    var component = new ServerlessContainers(request.getName(), args, options);
                    return PropertyValueSerializer.stateFromComponentResourceAsync(component)
                            .thenCombine(Internal.of(component.urn()).getValueNullable(),
                                    (state, urn) -> ConstructState.response(urn, state, request.getAcceptsOutputValues()));
                })
                // the SDK keeps the deployment in a global; the next Construct starts its own
                .whenComplete((response, error) -> DeploymentInstanceHolder.internalUnsafeDestroyInstance());
    }

    /** The resource options the engine passes, applied to the component (and so to its children). */
    private static ComponentResourceOptions options(ConstructRequest request) {
        var builder = ComponentResourceOptions.builder()
                .parent(new DependencyResource(request.getParent()))
                .aliases(request.getAliasesList().stream().filter(a -> !a.getUrn().isEmpty()).map(a -> Alias.withUrn(a.getUrn())).toArray(Alias[]::new))
                .dependsOn(request.getDependenciesList().stream().map(DependencyResource::new).toArray(DependencyResource[]::new))
                .providers(request.getProvidersMap().values().stream().map(DependencyProviderResource::new).toArray(DependencyProviderResource[]::new))
                .ignoreChanges(request.getIgnoreChangesList())
                .replaceOnChanges(request.getReplaceOnChangesList());
        if (request.hasProtect()) {
            builder.protect(request.getProtect());
        }
        if (request.hasRetainOnDelete()) {
            builder.retainOnDelete(request.getRetainOnDelete());
        }
        if (request.hasCustomTimeouts()) {
            var t = request.getCustomTimeouts();
            builder.customTimeouts(CustomTimeouts.builder()
                    .create(CustomTimeouts.parseTimeoutString(t.getCreate()))
                    .update(CustomTimeouts.parseTimeoutString(t.getUpdate()))
                    .delete(CustomTimeouts.parseTimeoutString(t.getDelete()))
                    .build());
        }
        return builder.build();
    }
}
