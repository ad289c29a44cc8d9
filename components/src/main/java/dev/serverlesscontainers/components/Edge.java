package dev.serverlesscontainers.components;

import com.pulumi.aws.cloudfront.CloudfrontFunctions;
import com.pulumi.aws.cloudfront.Distribution;
import com.pulumi.aws.cloudfront.DistributionArgs;
import com.pulumi.aws.cloudfront.Function;
import com.pulumi.aws.cloudfront.FunctionArgs;
import com.pulumi.aws.cloudfront.KeyValueStore;
import com.pulumi.aws.cloudfront.KeyValueStoreArgs;
import com.pulumi.aws.cloudfront.KeyvaluestoreKeysExclusive;
import com.pulumi.aws.cloudfront.KeyvaluestoreKeysExclusiveArgs;
import com.pulumi.aws.cloudfront.OriginAccessControl;
import com.pulumi.aws.cloudfront.OriginAccessControlArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionDefaultCacheBehaviorArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionDefaultCacheBehaviorFunctionAssociationArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionOriginArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionOriginCustomHeaderArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionOriginCustomOriginConfigArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionOriginVpcOriginConfigArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionRestrictionsArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionRestrictionsGeoRestrictionArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionViewerCertificateArgs;
import com.pulumi.aws.cloudfront.inputs.GetCachePolicyArgs;
import com.pulumi.aws.cloudfront.inputs.GetOriginRequestPolicyArgs;
import com.pulumi.aws.cloudfront.inputs.KeyvaluestoreKeysExclusiveResourceKeyValuePairArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.serverlesscontainers.model.config.ComputeType;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.load.Problem;
import dev.serverlesscontainers.model.naming.ResourceKind;
import dev.serverlesscontainers.model.yaml.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The edge: one CloudFront distribution with one origin per container (the internal load balancer
 * through its VPC origin, with the secret header, for a Fargate container; the function URL, signed
 * through origin access control, for a Lambda container), caching disabled (so no compression at the
 * edge: apps compress their own responses), every method, HTTP redirected to HTTPS; and the routing
 * CloudFront Function on viewer requests. The names of the function, the key value store, the VPC
 * origin and the origin access control are unique in the account, not the region, so they carry the
 * region ({@link DeployContext#accountWideNames}).
 *
 * <p>The routing function only uses an origin once its id is a key of the key value store, which is
 * written after the distribution update that adds the origin has deployed (see {@link RoutingFunction}):
 * a new container's route takes requests only when the edge can reach its origin.
 *
 * <p>Origins are keyed by container, so a container that changes compute type keeps its origin id:
 * the routing function does not change, and the distribution's update swaps the origin's target in
 * one step. The function and the distribution both wait for every container's compute to be ready
 * (Fargate services rolled out, listener rules and Lambda permissions in place), so traffic only moves to
 * compute that can take it; what the configuration no longer has is deleted after them.
 */
final class Edge {
    /** Managed policies, looked up by name: no caching; every viewer header except Host to the origin. */
    static final String CACHE_POLICY = "Managed-CachingDisabled";
    static final String ORIGIN_REQUEST_POLICY = "Managed-AllViewerExceptHostHeader";
    /** The value of an origin's key in the key value store; only the key's presence counts. */
    static final String DEPLOYED = "deployed";

    final Distribution distribution;

    private Edge(Distribution distribution) {
        this.distribution = distribution;
    }

    /** The origin id of a container; the routing function selects origins by it. */
    static String originId(String container) {
        return container;
    }

    /** The routing function's code; a table too large for CloudFront is a configuration error. */
    static String routerCode(DeployContext ctx) {
        try {
            return RoutingFunction.code(ctx.names.prefix(), ctx.routing, Edge::originId);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(new Problem(Problem.Severity.ERROR, ctx.config.configFile().toString(),
                    Location.FILE, "containers", e.getMessage()));
        }
    }

    /**
     * @param code the routing function's code, from {@link #routerCode}
     * @param lambdas the Lambda containers' services, by container
     * @param loadBalancer the load balancer, when any container runs on Fargate
     * @param ready every resource that must exist before traffic may reach the compute
     */
    static Edge create(DeployContext ctx, String code, Map<String, LambdaService> lambdas, Optional<LoadBalancer> loadBalancer,
            List<Resource> ready, CustomDomains domains) {
        var n = ctx.names;
        String storeName = n.project(ResourceKind.KEY_VALUE_STORE);
        var deployedOrigins = new KeyValueStore(storeName, KeyValueStoreArgs.builder()
                .name(ctx.accountWideNames().applyValue(names -> names.project(ResourceKind.KEY_VALUE_STORE)))
                .comment("The origins " + n.prefix() + "'s distribution has; its routing function reads them")
                .build(), ctx.options());
        String fnName = n.project(ResourceKind.CLOUDFRONT_FUNCTION);
        var router = new Function(fnName, FunctionArgs.builder()
                .name(ctx.accountWideNames().applyValue(names -> names.project(ResourceKind.CLOUDFRONT_FUNCTION)))
                .runtime(RoutingFunction.RUNTIME)
                .comment("Routes " + n.prefix() + " requests by host and path")
                .publish(true)
                .keyValueStoreAssociations(deployedOrigins.arn().applyValue(List::of))
                .code(deployedOrigins.arn().applyValue(arn -> RoutingFunction.withStore(code, storeId(arn))))
                .build(), ctx.dependingOn(ready));

        Optional<OriginAccessControl> oac = Optional.empty();
        if (!lambdas.isEmpty()) {
            String oacName = n.project(ResourceKind.ORIGIN_ACCESS_CONTROL);
            oac = Optional.of(new OriginAccessControl(oacName, OriginAccessControlArgs.builder()
                    .name(ctx.accountWideNames().applyValue(names -> names.project(ResourceKind.ORIGIN_ACCESS_CONTROL)))
                    .description("Signs " + n.prefix() + "'s requests to its Lambda function URLs")
                    .originAccessControlOriginType("lambda")
                    .signingBehavior("always")
                    .signingProtocol("sigv4")
                    .build(), ctx.options()));
        }

        List<DistributionOriginArgs> origins = new ArrayList<>();
        for (ContainerConfig c : ctx.config.containers().values()) {
            var origin = DistributionOriginArgs.builder().originId(originId(c.name()));
            if (c.compute().type() == ComputeType.AWS_LAMBDA) {
                origin.domainName(lambdas.get(c.name()).originDomain())
                        .originAccessControlId(oac.orElseThrow().id())
                        .customOriginConfig(functionUrlOriginConfig());
            } else {
                LoadBalancer lb = loadBalancer.orElseThrow();
                origin.domainName(lb.alb.dnsName())
                        .customHeaders(DistributionOriginCustomHeaderArgs.builder()
                                .name(DeployDefaults.ORIGIN_SECRET_HEADER).value(lb.originSecret).build())
                        .vpcOriginConfig(DistributionOriginVpcOriginConfigArgs.builder()
                                .vpcOriginId(lb.vpcOrigin.id())
                                .originReadTimeout(DeployDefaults.ORIGIN_READ_TIMEOUT_SECONDS)
                                .build());
            }
            origins.add(origin.build());
        }

        var cachePolicy = CloudfrontFunctions.getCachePolicy(GetCachePolicyArgs.builder().name(CACHE_POLICY).build(), ctx.invokeOptions())
                .applyValue(p -> p.id().orElseThrow());
        var requestPolicy = CloudfrontFunctions.getOriginRequestPolicy(
                GetOriginRequestPolicyArgs.builder().name(ORIGIN_REQUEST_POLICY).build(), ctx.invokeOptions())
                .applyValue(p -> p.id().orElseThrow());

        var certificate = DistributionViewerCertificateArgs.builder();
        if (domains.any()) {
            certificate.acmCertificateArn(domains.certificate()).sslSupportMethod("sni-only").minimumProtocolVersion("TLSv1.2_2021");
        } else {
            certificate.cloudfrontDefaultCertificate(true);
        }
        String cdnName = n.project(ResourceKind.CLOUDFRONT_DISTRIBUTION);
        var distribution = new Distribution(cdnName, DistributionArgs.builder()
                .enabled(true)
                .comment(n.prefix() + " (Serverless Containers)")
                .isIpv6Enabled(true)
                .httpVersion("http2and3")
                .aliases(domains.domains)
                .origins(origins)
                .defaultCacheBehavior(DistributionDefaultCacheBehaviorArgs.builder()
                        // the routing function selects the origin of every request it lets through
                        .targetOriginId(originId(ctx.routing.routes().get(0).container()))
                        .viewerProtocolPolicy("redirect-to-https")
                        .allowedMethods("GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE")
                        .cachedMethods("GET", "HEAD")
                        // CloudFront compresses only what it caches, and the cache policy caches nothing: apps compress their responses
                        .compress(false)
                        .cachePolicyId(cachePolicy)
                        .originRequestPolicyId(requestPolicy)
                        .functionAssociations(DistributionDefaultCacheBehaviorFunctionAssociationArgs.builder()
                                .eventType("viewer-request")
                                .functionArn(router.arn())
                                .build())
                        .build())
                .restrictions(DistributionRestrictionsArgs.builder()
                        .geoRestriction(DistributionRestrictionsGeoRestrictionArgs.builder().restrictionType("none").build())
                        .build())
                .viewerCertificate(certificate.build())
                .waitForDeployment(true)
                .tags(ctx.tags(cdnName))
                .build(), CustomResourceOptions.builder().parent(ctx.parent).dependsOn(List.copyOf(ready)).build());
        if (domains.any()) {
            domains.aliases(distribution);
        }
        // written once the distribution with these origins is deployed (waitForDeployment): only then
        // may the routing function send requests to them
        List<KeyvaluestoreKeysExclusiveResourceKeyValuePairArgs> keys = new ArrayList<>();
        for (ContainerConfig c : ctx.config.containers().values()) {
            keys.add(KeyvaluestoreKeysExclusiveResourceKeyValuePairArgs.builder().key(originId(c.name())).value(DEPLOYED).build());
        }
        new KeyvaluestoreKeysExclusive(n.project(ResourceKind.KEY_VALUE_STORE_KEYS), KeyvaluestoreKeysExclusiveArgs.builder()
                .keyValueStoreArn(deployedOrigins.arn())
                .resourceKeyValuePairs(keys)
                .build(), ctx.dependingOn(List.of(distribution)));
        return new Edge(distribution);
    }

    /** A key value store's id, the last part of its ARN ({@code arn:aws:cloudfront::123:key-value-store/ID}). */
    static String storeId(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static DistributionOriginCustomOriginConfigArgs functionUrlOriginConfig() {
        return DistributionOriginCustomOriginConfigArgs.builder()
                .httpPort(80)
                .httpsPort(443)
                .originProtocolPolicy("https-only")
                .originSslProtocols("TLSv1.2")
                .originReadTimeout(DeployDefaults.ORIGIN_READ_TIMEOUT_SECONDS)
                .build();
    }
}
