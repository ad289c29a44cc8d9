package dev.serverlesscontainers.components;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.deployment.Deployment;
import com.pulumi.deployment.internal.DeploymentImpl;
import com.pulumi.deployment.internal.DeploymentInternal;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceArgs;
import dev.serverlesscontainers.model.ComputeType;
import dev.serverlesscontainers.model.ContainerConfig;
import dev.serverlesscontainers.model.Defaults;
import dev.serverlesscontainers.model.Problem;
import dev.serverlesscontainers.model.ProjectConfig;
import dev.serverlesscontainers.model.build.BaseImages;
import dev.serverlesscontainers.model.yaml.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code serverless.containers.yml} deployed to AWS: a Pulumi component that expands the model into
 * the network, the load balancer, the Fargate services and Lambda functions with their images, IAM,
 * logs, the CloudFront distribution with its routing function, certificates and DNS. A stage is a
 * stack: the stage defaults to the stack's name.
 *
 * <pre>{@code
 * var app = new ServerlessContainers("app", ServerlessContainersArgs.builder()
 *         .configFile("serverless.containers.yml")
 *         .build());
 * ctx.export("url", app.url());
 * }</pre>
 *
 * {@code options} may be null. A configuration the model refuses fails the deploy with the model's located messages
 * ({@link InvalidConfigurationException}), before any resource is declared.
 */
public final class ServerlessContainers extends ComponentResource {
    public static final String TYPE = "serverless-containers:index:ServerlessContainers";

    @Export(name = "url", refs = {String.class}, tree = "[0]")
    private Output<String> url;
    @Export(name = "distributionId", refs = {String.class}, tree = "[0]")
    private Output<String> distributionId;
    @Export(name = "albDnsName", refs = {String.class}, tree = "[0]")
    private Output<String> albDnsName;
    @Export(name = "vpcId", refs = {String.class}, tree = "[0]")
    private Output<String> vpcId;
    @Export(name = "containers", refs = {Map.class, String.class}, tree = "[0,1,[0,1,1]]")
    private Output<Map<String, Map<String, String>>> containers;

    private final List<String> warnings = new ArrayList<>();

    public ServerlessContainers(String name, ServerlessContainersArgs args) {
        this(name, args, null);
    }

    public ServerlessContainers(String name, ServerlessContainersArgs args, ComponentResourceOptions options) {
        super(TYPE, name, ResourceArgs.Empty, options);
        String stage = args.stage().orElseGet(() -> Deployment.getInstance().getStackName());
        ProjectConfig config = ConfigSource.load(args, stage);
        boolean production = Defaults.isProductionStage(config.stage(), args.productionStages());
        if (production && !args.devTrustPrincipalArns().isEmpty()) {
            throw new InvalidConfigurationException(new Problem(Problem.Severity.ERROR, "ServerlessContainers", Location.FILE,
                    "devTrustPrincipalArns", "stage " + config.stage() + " is a production stage (productionStages: "
                    + String.join(", ", args.productionStages()) + "); dev-mode trust for " + String.join(", ", args.devTrustPrincipalArns())
                    + " is only granted on other stages"));
        }
        config.warnings().forEach(w -> warn(w.toString()));

        var ctx = new DeployContext(this, config, args);
        BaseImages images = args.baseImages().orElseGet(() -> BaseImages.from(args.environment()));
        Map<String, ImageBuild> builds = new LinkedHashMap<>();
        for (ContainerConfig c : config.containers().values()) {
            ImageBuild build = ImageBuild.plan(config, c, images);
            build.ignoredOptions().forEach(o -> warn(config.configFile() + " containers." + c.name() + ".build.options: " + o
                    + " is not passed to the deploy's image build (it takes the context, Dockerfile, --target, --platform and"
                    + " --build-arg); ignored"));
            builds.put(c.name(), build);
        }
        String routerCode = Edge.routerCode(ctx);

        var network = Network.create(ctx);
        Optional<LoadBalancer> loadBalancer = config.hasFargate() ? Optional.of(LoadBalancer.create(ctx, network)) : Optional.empty();
        var token = ContainerImage.registryToken(ctx);
        Map<String, LambdaService> lambdas = new LinkedHashMap<>();
        Map<String, FargateService> services = new LinkedHashMap<>();
        Map<String, ContainerImage> imagesByContainer = new LinkedHashMap<>();
        List<Resource> ready = new ArrayList<>();
        for (ContainerConfig c : config.containers().values()) {
            var image = ContainerImage.create(ctx, c, builds.get(c.name()), token);
            imagesByContainer.put(c.name(), image);
            if (c.compute().type() == ComputeType.AWS_LAMBDA) {
                var lambda = LambdaService.create(ctx, c, image, network);
                lambdas.put(c.name(), lambda);
                ready.addAll(lambda.ready);
            } else {
                var service = FargateService.create(ctx, c, image, network, loadBalancer.orElseThrow());
                services.put(c.name(), service);
                ready.addAll(service.ready());
            }
        }
        VersionPruner.create(ctx, lambdas);
        var domains = CustomDomains.of(ctx);
        var edge = Edge.create(ctx, routerCode, lambdas, loadBalancer, ready, domains);

        Output<String> cloudFront = edge.distribution.domainName().applyValue(d -> "https://" + d);
        this.url = ContainerOutputs.deployUrl(config, cloudFront);
        this.distributionId = edge.distribution.id();
        this.albDnsName = loadBalancer.map(lb -> lb.alb.dnsName()).orElseGet(() -> Output.ofNullable(null));
        this.vpcId = network.vpcId;
        List<Output<Map.Entry<String, Map<String, String>>>> entries = new ArrayList<>();
        for (ContainerConfig c : config.containers().values()) {
            Output<String> containerUrl = ContainerOutputs.url(c, cloudFront);
            Output<String> imageUri = imagesByContainer.get(c.name()).imageUri;
            Output<Map<String, String>> values = c.compute().type() == ComputeType.AWS_LAMBDA
                    ? ContainerOutputs.lambda(c, containerUrl, imageUri, lambdas.get(c.name()))
                    : ContainerOutputs.fargate(c, containerUrl, imageUri, services.get(c.name()));
            entries.add(values.applyValue(v -> Map.entry(c.name(), v)));
        }
        this.containers = Output.all(entries).applyValue(list -> {
            Map<String, Map<String, String>> m = new LinkedHashMap<>();
            list.forEach(e -> m.put(e.getKey(), e.getValue()));
            return m;
        });
        registerOutputs(Map.of(
                "url", url,
                "distributionId", distributionId,
                "albDnsName", albDnsName,
                "vpcId", vpcId,
                "containers", containers));
    }

    /**
     * The address of the deploy: the custom domain when every container has one, else the CloudFront
     * distribution's (which reaches the containers that take any host).
     */
    public Output<String> url() {
        return url;
    }

    public Output<String> distributionId() {
        return distributionId;
    }

    /** The load balancer's DNS name; null when no container runs on Fargate. */
    public Output<String> albDnsName() {
        return albDnsName;
    }

    public Output<String> vpcId() {
        return vpcId;
    }

    /**
     * Per container: {@code url}, {@code computeType}, {@code imageUri}, {@code roleArn}, and
     * {@code functionUrl} (Lambda) or {@code serviceName} (Fargate).
     */
    public Output<Map<String, Map<String, String>>> containers() {
        return containers;
    }

    /** The warnings this deploy reported: the model's, and build options it could not pass on. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    private void warn(String message) {
        warnings.add(message);
        // the SDK's engine log is internal API; outside a real deployment (mock tests) warnings stay in warnings()
        DeploymentInternal.getInstanceOptional()
                .filter(DeploymentImpl.class::isInstance)
                .map(DeploymentImpl.class::cast)
                .ifPresent(d -> d.getLog().warn(message, this));
    }
}
