package dev.serverlesscontainers.components;

import dev.serverlesscontainers.model.naming.StackOutputNames;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.deployment.Deployment;
import com.pulumi.deployment.internal.DeploymentImpl;
import com.pulumi.deployment.internal.DeploymentInternal;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceArgs;
import dev.serverlesscontainers.model.config.ComputeType;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.Defaults;
import dev.serverlesscontainers.model.load.Problem;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.image.BaseImages;
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
    @Export(name = StackOutputNames.CONTAINERS, refs = {Map.class, String.class}, tree = "[0,1,[0,1,1]]")
    private Output<Map<String, Map<String, String>>> containers;
    @Export(name = "publicSubnetIds", refs = {List.class, String.class}, tree = "[0,1]")
    private Output<List<String>> publicSubnetIds;
    @Export(name = "privateSubnetIds", refs = {List.class, String.class}, tree = "[0,1]")
    private Output<List<String>> privateSubnetIds;
    @Export(name = "serviceSecurityGroupId", refs = {String.class}, tree = "[0]")
    private Output<String> serviceSecurityGroupId;
    @Export(name = "tasksSecurityGroupId", refs = {String.class}, tree = "[0]")
    private Output<String> tasksSecurityGroupId;
    @Export(name = "clusterArn", refs = {String.class}, tree = "[0]")
    private Output<String> clusterArn;
    @Export(name = "clusterName", refs = {String.class}, tree = "[0]")
    private Output<String> clusterName;
    @Export(name = "albArn", refs = {String.class}, tree = "[0]")
    private Output<String> albArn;
    @Export(name = "listenerArn", refs = {String.class}, tree = "[0]")
    private Output<String> listenerArn;
    @Export(name = "distributionArn", refs = {String.class}, tree = "[0]")
    private Output<String> distributionArn;

    private final List<String> warnings = new ArrayList<>();

    public ServerlessContainers(String name, ServerlessContainersArgs args) {
        this(name, args, null);
    }

    public ServerlessContainers(String name, ServerlessContainersArgs args, ComponentResourceOptions options) {
        super(TYPE, name, ResourceArgs.Empty, options);
        String stage = args.stage().orElseGet(() -> Deployment.getInstance().getStackName());
        var outputs = new ProgramOutputs();
        ProjectConfig config = ConfigSource.load(args, stage, outputs);
        boolean production = Defaults.isProductionStage(config.stage(), args.productionStages());
        if (production && !args.devTrustPrincipalArns().isEmpty()) {
            throw new InvalidConfigurationException(new Problem(Problem.Severity.ERROR, "ServerlessContainers", Location.FILE,
                    "devTrustPrincipalArns", "stage " + config.stage() + " is a production stage (productionStages: "
                    + String.join(", ", args.productionStages()) + "); dev-mode trust for " + String.join(", ", args.devTrustPrincipalArns())
                    + " is only granted on other stages"));
        }
        config.warnings().forEach(w -> warn(w.toString()));

        var ctx = new DeployContext(this, config, args, outputs);
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
        Map<String, RolloutWatcher.Watch> rollouts = loadBalancer.map(lb -> RolloutWatcher.create(ctx, services, lb.cluster)).orElseGet(Map::of);
        rollouts.values().forEach(watch -> ready.add(watch.invocation()));
        var domains = CustomDomains.of(ctx);
        var edge = Edge.create(ctx, routerCode, lambdas, loadBalancer, ready, domains);

        Output<String> cloudFront = edge.distribution.domainName().applyValue(d -> "https://" + d);
        this.url = ContainerOutputs.deployUrl(config, cloudFront);
        this.distributionId = edge.distribution.id();
        this.albDnsName = loadBalancer.map(lb -> lb.alb.dnsName()).orElseGet(() -> Output.ofNullable(null));
        this.vpcId = network.vpcId;
        this.publicSubnetIds = network.publicSubnetIds;
        this.privateSubnetIds = network.privateSubnetIds;
        this.serviceSecurityGroupId = network.serviceToServiceSecurityGroupId;
        this.tasksSecurityGroupId = loadBalancer.map(lb -> network.taskSecurityGroupId).orElseGet(() -> Output.ofNullable(null));
        this.clusterArn = loadBalancer.map(lb -> lb.cluster.arn()).orElseGet(() -> Output.ofNullable(null));
        this.clusterName = loadBalancer.map(lb -> lb.cluster.name()).orElseGet(() -> Output.ofNullable(null));
        this.albArn = loadBalancer.map(lb -> lb.alb.arn()).orElseGet(() -> Output.ofNullable(null));
        this.listenerArn = loadBalancer.map(lb -> lb.listener.arn()).orElseGet(() -> Output.ofNullable(null));
        this.distributionArn = edge.distribution.arn();
        List<Output<Map.Entry<String, Map<String, String>>>> entries = new ArrayList<>();
        for (ContainerConfig c : config.containers().values()) {
            Output<String> containerUrl = ContainerOutputs.url(c, cloudFront);
            Output<String> imageUri = imagesByContainer.get(c.name()).imageUri;
            Output<Map<String, String>> values = c.compute().type() == ComputeType.AWS_LAMBDA
                    ? ContainerOutputs.lambda(c, containerUrl, imageUri, lambdas.get(c.name()))
                    : ContainerOutputs.fargate(c, containerUrl, imageUri, services.get(c.name()), services.get(c.name()).rolledOutWithoutWatcher
                            .orElseGet(() -> rollouts.get(c.name()).rolledOut()));
            entries.add(values.applyValue(v -> Map.entry(c.name(), v)));
        }
        this.containers = Output.all(entries).applyValue(list -> {
            Map<String, Map<String, String>> m = new LinkedHashMap<>();
            list.forEach(e -> m.put(e.getKey(), e.getValue()));
            return m;
        });
        registerOutputs(Map.ofEntries(
                Map.entry("url", url),
                Map.entry("distributionId", distributionId),
                Map.entry("albDnsName", albDnsName),
                Map.entry("vpcId", vpcId),
                Map.entry(StackOutputNames.CONTAINERS, containers),
                Map.entry("publicSubnetIds", publicSubnetIds),
                Map.entry("privateSubnetIds", privateSubnetIds),
                Map.entry("serviceSecurityGroupId", serviceSecurityGroupId),
                Map.entry("tasksSecurityGroupId", tasksSecurityGroupId),
                Map.entry("clusterArn", clusterArn),
                Map.entry("clusterName", clusterName),
                Map.entry("albArn", albArn),
                Map.entry("listenerArn", listenerArn),
                Map.entry("distributionArn", distributionArn)));
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
     * Per container: {@code url}, {@code computeType}, {@code imageUri}, {@code roleArn},
     * {@code roleName}, {@code logGroupName}, and {@code functionUrl}, {@code functionName} and
     * {@code functionArn} (Lambda) or {@code serviceName} and {@code serviceArn} (Fargate).
     */
    public Output<Map<String, Map<String, String>>> containers() {
        return containers;
    }

    /** The subnets the tasks and VPC-attached functions run in: the ones created, or deployment.awsVpc.publicSubnets. */
    public Output<List<String>> publicSubnetIds() {
        return publicSubnetIds;
    }

    /** The subnets of the internal load balancer; empty without Fargate containers. */
    public Output<List<String>> privateSubnetIds() {
        return privateSubnetIds;
    }

    /** The service-to-service security group: the containers reach each other, and VPC functions the VPC, through it. */
    public Output<String> serviceSecurityGroupId() {
        return serviceSecurityGroupId;
    }

    /**
     * The Fargate tasks' security group (null without Fargate containers): let it in to reach a database
     * or another service from the tasks.
     */
    public Output<String> tasksSecurityGroupId() {
        return tasksSecurityGroupId;
    }

    /** The ECS cluster's ARN; null without Fargate containers. */
    public Output<String> clusterArn() {
        return clusterArn;
    }

    /** The ECS cluster's name; null without Fargate containers. */
    public Output<String> clusterName() {
        return clusterName;
    }

    /** The internal load balancer's ARN; null without Fargate containers. */
    public Output<String> albArn() {
        return albArn;
    }

    /** The load balancer's HTTP listener's ARN (add listener rules to it); null without Fargate containers. */
    public Output<String> listenerArn() {
        return listenerArn;
    }

    /** The CloudFront distribution's ARN. */
    public Output<String> distributionArn() {
        return distributionArn;
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
