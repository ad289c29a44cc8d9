package dev.serverlesscontainers.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.Empty;
import dev.serverlesscontainers.components.InProcessDeploy;
import dev.serverlesscontainers.components.InProcessDeploy.Child;
import dev.serverlesscontainers.components.ServerlessContainers;
import dev.serverlesscontainers.components.ServerlessContainersArgs;
import dev.serverlesscontainers.model.load.ConfigLoader;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pulumirpc.Provider.ConfigureRequest;
import pulumirpc.Provider.ConfigureResponse;
import pulumirpc.Provider.ConstructRequest;
import pulumirpc.Provider.ConstructResponse;
import pulumirpc.Provider.GetSchemaRequest;

/**
 * The plugin at the wire, as the Pulumi engine drives it: one plugin process started by the launcher
 * in the program's directory (the bundled example), a fake engine, and per Construct a fake resource
 * monitor that answers like the component tests' mock AWS. What the plugin registers is compared with
 * what the component registers in process under mocks for the same inputs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProviderConformanceIT {
    static final String PROJECT = "app";
    static final String STACK = "dev";
    static final String PARENT = "urn:pulumi:" + STACK + "::" + PROJECT + "::pulumi:pulumi:Stack::" + PROJECT + "-" + STACK;

    @TempDir
    static Path work;
    Path hello;
    FakeEngine engine;
    Server engineServer;
    PluginProcess plugin;

    /** One Construct: the response or the error, and what the monitor received. */
    record Constructed(Optional<ConstructResponse> response, Optional<StatusRuntimeException> error, FakeResourceMonitor monitor) {
        ConstructResponse ok() {
            error.ifPresent(e -> {
                throw new AssertionError("Construct failed: " + e.getStatus(), e);
            });
            return response.orElseThrow();
        }

        List<FakeResourceMonitor.Registration> children() {
            return monitor.registrations.stream().filter(r -> !r.type().equals(ServerlessContainers.TYPE)).toList();
        }
    }

    @BeforeAll
    void startThePluginAsTheEngineDoes() throws Exception {
        hello = work.resolve("hello");
        InProcessDeploy.copyTree(PackageSchemaTest.repository().resolve("examples/hello"), hello);
        engine = new FakeEngine();
        engineServer = PluginProcess.serve(engine);
        plugin = PluginProcess.start(PluginProcess.address(engineServer), hello, Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        if (plugin != null) {
            plugin.close();
        }
        if (engineServer != null) {
            engineServer.shutdownNow();
        }
    }

    @Test
    void pluginInfoIsTheProjectVersion() {
        String version = System.getProperty("project.version");
        assertThat(version).isNotBlank().doesNotContain("${");
        assertThat(plugin.provider.getPluginInfo(Empty.getDefaultInstance()).getVersion()).isEqualTo(version);
    }

    @Test
    void theSchemaIsTheCommittedFileByteForByte() throws Exception {
        String committed = Files.readString(PackageSchemaTest.repository().resolve("schema.json"));
        assertThat(plugin.provider.getSchema(GetSchemaRequest.newBuilder().setVersion(0).build()).getSchema()).isEqualTo(committed);
    }

    @Test
    void configureTakesSecretsAndPreviews() {
        ConfigureResponse r = plugin.provider.configure(ConfigureRequest.newBuilder()
                .putVariables("aws:region", "eu-west-1").setAcceptSecrets(true).setAcceptResources(true).build());
        assertThat(r.getAcceptSecrets()).isTrue();
        assertThat(r.getSupportsPreview()).isTrue();
    }

    @ParameterizedTest(name = "dry run: {0}")
    @ValueSource(booleans = {true, false})
    void constructRegistersWhatTheComponentDeclaresInProcess(boolean dryRun) throws Exception {
        Constructed wire = construct("app", dryRun, Map.of("configFile", "serverless.containers.yml"));
        ConstructResponse response = wire.ok();
        InProcessDeploy.Result inProcess = InProcessDeploy.run(STACK, InProcessDeploy.argsFor(hello).build(), dryRun);
        assertThat(inProcess.errors()).isEmpty();

        var component = wire.monitor().registrations.stream().filter(r -> r.type().equals(ServerlessContainers.TYPE)).toList();
        assertThat(component).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("app");
            assertThat(c.parentUrn()).isEqualTo(PARENT);
            assertThat(response.getUrn()).isEqualTo(c.urn());
        });
        assertSameChildren(wire, inProcess);
        assertThat(wire.children()).hasSizeGreaterThan(50);
        assertThat(wire.monitor().invokes).contains("aws:ecr/getAuthorizationToken:getAuthorizationToken", "aws:route53/getZone:getZone",
                "aws:index/getAvailabilityZones:getAvailabilityZones");
        assertThat(wire.monitor().outputs).anySatisfy(o -> assertThat(o.urn()).isEqualTo(response.getUrn()));

        Map<String, Object> state = Structs.plain(response.getState());
        assertThat(state).containsKeys("url", "distributionId", "vpcId", "containers");
        if (!dryRun) {
            assertThat(state).containsEntry("url", "https://d111111abcdef8.cloudfront.net").containsEntry("distributionId", "E2QWRUHEXAMPLE");
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> containers = (Map<String, Map<String, Object>>) state.get("containers");
            assertThat(containers).containsOnlyKeys("api", "web", "admin");
            // what the schema promises is what a program gets: every key described, every required key given, every described key used
            var type = PackageSchemaTest.schema().at("/types/" + ConfigTypes.token("ContainerOutputs"));
            Set<String> described = Set.copyOf(PackageSchemaTest.names(type.get("properties")));
            List<String> required = PackageSchemaTest.names(type.get("required"));
            assertThat(required).isNotEmpty();
            assertThat(described).containsAll(required);
            containers.values().forEach(c -> assertThat(c.keySet()).isSubsetOf(described).containsAll(required));
            assertThat(containers.values().stream().flatMap(c -> c.keySet().stream()).collect(Collectors.toSet()))
                    .as("keys the schema describes that no container has").isEqualTo(described);
            assertThat(containers.get("api")).containsEntry("computeType", "awsLambda").containsKey("functionUrl");
            assertThat(containers.get("web")).containsEntry("computeType", "awsFargateEcs").containsKey("serviceName");
        }
    }

    @Test
    void theInputsAProgramInAnotherLanguageGivesAreTheComponentsInputs() throws Exception {
        Map<String, Object> config = helloConfig();
        Map<String, Object> inputs = Map.of(
                "config", config,
                "stage", "qa",
                "tags", Map.of("team", "web"),
                "hostedZones", List.of("hello.example.com"),
                "environment", Map.of("LOG_LEVEL", "debug"),
                "baseImages", Map.of("node", "mirror.example.com/node:20-slim"));
        Constructed wire = construct("app", false, inputs);
        wire.ok();
        // the plugin receives objects without their order and sorts their keys
        ServerlessContainersArgs args = InProcessDeploy.argsFor(hello).configFile(null).config(sorted(config)).stage("qa").tags(Map.of("team", "web"))
                .hostedZones(List.of("hello.example.com")).environment(Map.of("LOG_LEVEL", "debug"))
                .baseImages(new dev.serverlesscontainers.model.image.BaseImages("mirror.example.com/node:20-slim", "python:3.12-slim",
                        "eclipse-temurin:21-jre", "maven:3.9-eclipse-temurin-21", "public.ecr.aws/awsguru/aws-lambda-adapter:0.9.1"))
                .build();
        assertSameChildren(wire, InProcessDeploy.run(STACK, args, false));
        assertThat(wire.children()).allSatisfy(r -> assertThat(r.name()).startsWith("hello-qa-"));
        assertThat(wire.children()).filteredOn(r -> r.inputs().get("tags") instanceof Map<?, ?>)
                .isNotEmpty().allSatisfy(r -> assertThat(((Map<?, ?>) r.inputs().get("tags")).get("team")).isEqualTo("web"));
    }

    @Test
    void theComponentsWarningsReachTheEngine() throws Exception {
        Map<String, Object> config = helloConfig();
        Map<String, Object> api = container(config, "api");
        @SuppressWarnings("unchecked")
        Map<String, Object> routing = new java.util.LinkedHashMap<>((Map<String, Object>) api.get("routing"));
        routing.remove("pathHealthCheck");
        api.put("routing", routing);
        int before = engine.logs.size();

        construct("warned", true, Map.of("config", config)).ok();

        assertThat(engine.logs.subList(before, engine.logs.size())).anySatisfy(log -> {
            assertThat(log.severity()).isEqualTo("WARNING");
            assertThat(log.message()).startsWith("config:").contains("containers.api.routing");
        });
    }

    @Test
    void secretsInAnInlineConfigStaySecretOverTheWire() throws Exception {
        Map<String, Object> config = helloConfig();
        environment(config, "api").put("TOKEN", secret("s3cr3t-api-token"));
        environment(config, "web").put("DB_PASSWORD", secret("s3cr3t-db-password"));

        Constructed wire = construct("app", false, Map.of("config", config));
        wire.ok();

        var api = child(wire, "aws:lambda/function:Function", "hello-dev-api-fn");
        assertThat(api.isSecret("environment")).as("the API's Lambda environment is a secret").isTrue();
        assertThat(api.inputs().get("environment").toString()).contains("TOKEN=s3cr3t-api-token");
        assertThat(child(wire, "aws:ecs/taskDefinition:TaskDefinition", "hello-dev-web-task").isSecret("containerDefinitions"))
                .as("the site's task definition is a secret").isTrue();
        assertThat(child(wire, "aws:lambda/function:Function", "hello-dev-admin-fn").isSecret("environment"))
                .as("the admin app has no secret").isFalse();
        assertThat(wire.monitor().registrations).allSatisfy(r -> assertThat(
                Structs.inPlainText(com.google.protobuf.Value.newBuilder().setStructValue(r.object()).build(), "s3cr3t"))
                .as(r.type() + " " + r.name() + " shows a secret in plain text").isFalse());
    }

    @Test
    void theProgramsProviderAndDependenciesReachTheChildren() throws Exception {
        String providerUrn = "urn:pulumi:" + STACK + "::" + PROJECT + "::pulumi:providers:aws::eu-central";
        String provider = providerUrn + "::9c1f6e3a-provider-id";
        String bucket = "urn:pulumi:" + STACK + "::" + PROJECT + "::aws:s3/bucket:Bucket::assets";

        Constructed wire = construct("app", false, Map.of("configFile", "serverless.containers.yml"),
                r -> r.putProviders("aws", provider).addDependencies(bucket));
        wire.ok();

        var component = wire.monitor().registrations.stream().filter(r -> r.type().equals(ServerlessContainers.TYPE)).findFirst().orElseThrow();
        assertThat(component.dependencies()).as("the component waits for what the program's dependsOn names").contains(bucket);
        var aws = wire.children().stream().filter(r -> r.type().startsWith("aws:")).toList();
        // CloudFront's certificates are made in us-east-1, through the component's own provider for that region
        String usEast1 = "$pulumi:providers:aws::hello-dev-us-east-1-provider::";
        assertThat(aws).hasSizeGreaterThan(40).allSatisfy(r -> assertThat(r.provider()).as(r.type() + " " + r.name())
                .satisfiesAnyOf(p -> assertThat(p).isEqualTo(provider), p -> assertThat(p).contains(usEast1)));
        assertThat(aws).filteredOn(r -> r.provider().contains(usEast1)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.type()).startsWith("aws:acm/"));
        assertThat(wire.children()).filteredOn(r -> r.type().startsWith("docker:")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.provider()).as("a provider for aws is not one for docker").isNotEqualTo(provider));
    }

    @Test
    void aBadConfigurationFailsWithTheModelsLocatedText() throws Exception {
        Path bad = work.resolve("bad");
        InProcessDeploy.copyTree(hello, bad);
        Path file = bad.resolve("serverless.containers.yml");
        Files.writeString(file, Files.readString(file).replace("memory: 512\n        scale:", "memory: 3000\n        scale:"));
        String located = assertThatThrownBy(() -> ConfigLoader.load(file, "serverless.containers.yml", STACK, Map.of())).actual().getMessage();
        assertThat(located).contains("serverless.containers.yml:").contains("containers.web.compute.awsFargateEcs.memory: 3000");

        Constructed wire = construct("app", true, Map.of("configFile", "../bad/serverless.containers.yml"));
        assertThat(wire.error()).hasValueSatisfying(e -> {
            assertThat(e.getStatus().getCode()).as(e.getStatus().toString() + "\n" + plugin.stderr()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).isEqualTo(located.replace("serverless.containers.yml:", "../bad/serverless.containers.yml:"));
        });
        assertThat(wire.children()).as("nothing is declared for a configuration the model refuses").isEmpty();
        assertThat(plugin.stderr()).doesNotContain("\tat ");
    }

    @Test
    void inputsMustBeKnownWhenTheProgramRuns() throws Exception {
        Constructed wire = construct("app", true, Map.of("configFile", Structs.UNKNOWN, "stages", "dev"));
        assertThat(wire.error()).hasValueSatisfying(e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).startsWith("2 problems in the configuration:\n")
                    .contains("ServerlessContainers configFile: is not known yet (it is another resource's output)")
                    .contains("ServerlessContainers stages: is not an input of ServerlessContainers (expected one of configFile, config, stage,");
        });
    }

    @Test
    void twoConstructsInARowInOneProcess() throws Exception {
        Constructed first = construct("first", false, Map.of("configFile", "serverless.containers.yml"));
        Constructed second = construct("second", false, Map.of("configFile", "serverless.containers.yml"));
        first.ok();
        second.ok();
        assertThat(second.children()).extracting(FakeResourceMonitor.Registration::name)
                .containsExactlyInAnyOrderElementsOf(first.children().stream().map(FakeResourceMonitor.Registration::name).toList());
        assertThat(second.children()).allSatisfy(c -> assertThat(second.monitor().nameOf(c.parentUrn())).hasValue("second"));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void nothingButThePortWasWrittenToStdout() {
        assertThat(plugin.stdoutAfterPort()).isEmpty();
        assertThat(plugin.process.isAlive()).isTrue();
    }

    private Constructed construct(String name, boolean dryRun, Map<String, Object> inputs) throws Exception {
        return construct(name, dryRun, inputs, UnaryOperator.identity());
    }

    /** @param options the resource options a program gives, set on the request as the engine does */
    private Constructed construct(String name, boolean dryRun, Map<String, Object> inputs, UnaryOperator<ConstructRequest.Builder> options)
            throws Exception {
        var monitor = new FakeResourceMonitor(PROJECT, STACK, InProcessDeploy.mockAws());
        Server server = PluginProcess.serve(monitor);
        try {
            ConstructRequest request = options.apply(ConstructRequest.newBuilder())
                    .setProject(PROJECT)
                    .setStack(STACK)
                    .setDryRun(dryRun)
                    .setParallel(16)
                    .setMonitorEndpoint(PluginProcess.address(server))
                    .setType(ServerlessContainers.TYPE)
                    .setName(name)
                    .setParent(PARENT)
                    .setInputs(Structs.struct(inputs))
                    .build();
            try {
                return new Constructed(Optional.of(plugin.provider.construct(request)), Optional.empty(), monitor);
            } catch (StatusRuntimeException e) {
                return new Constructed(Optional.empty(), Optional.of(e), monitor);
            }
        } finally {
            server.shutdownNow();
        }
    }

    /** The same children (type, name, parent, inputs) in both. */
    private static void assertSameChildren(Constructed wire, InProcessDeploy.Result inProcess) {
        Set<Child> overTheWire = wire.children().stream()
                .map(r -> withoutRandomValues(new Child(r.type(), r.name(), wire.monitor().nameOf(r.parentUrn()), r.inputs())))
                .collect(Collectors.toSet());
        Set<Child> declared = inProcess.resources().stream()
                .filter(r -> !r.type().equals(ServerlessContainers.TYPE))
                .map(ProviderConformanceIT::withoutRandomValues)
                .collect(Collectors.toSet());
        assertThat(overTheWire).as("registered over the wire but not in process")
                .containsExactlyInAnyOrderElementsOf(declared);
    }

    /**
     * The origin secret is drawn at random on every run (the deployed one is kept through
     * ignoreChanges), so two runs never declare the same value; that it is declared is compared.
     */
    private static Child withoutRandomValues(Child c) {
        if (!c.type().equals("aws:ssm/parameter:Parameter")) {
            return c;
        }
        Map<String, Object> inputs = new java.util.HashMap<>(c.inputs());
        assertThat(inputs.get("value")).asString().hasSize(64);
        inputs.put("value", "<random>");
        return new Child(c.type(), c.name(), c.parent(), inputs);
    }

    /** The bundled example's configuration, as a program would give it inline (mutable). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> helloConfig() throws java.io.IOException {
        return new YAMLMapper().readValue(hello.resolve("serverless.containers.yml").toFile(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> config, String name) {
        return (Map<String, Object>) ((Map<String, Object>) config.get("containers")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> config, String name) {
        return (Map<String, Object>) container(config, name).computeIfAbsent("environment", k -> new java.util.LinkedHashMap<>());
    }

    /** A value as a program's {@code pulumi.secret(...)} sends it. */
    private static Map<String, Object> secret(String value) {
        return Map.of(Structs.SIGNATURE_KEY, Structs.SECRET_SIGNATURE, "value", value);
    }

    private static FakeResourceMonitor.Registration child(Constructed wire, String type, String name) {
        return wire.children().stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " " + name + " among " + wire.children().stream()
                        .map(FakeResourceMonitor.Registration::name).toList()));
    }

    /** The structure with every object's keys in order, as the plugin passes it on. */
    @SuppressWarnings("unchecked")
    static <T> T sorted(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.TreeMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
            return (T) out;
        }
        if (value instanceof List<?> l) {
            return (T) l.stream().map(ProviderConformanceIT::sorted).toList();
        }
        return value;
    }
}
