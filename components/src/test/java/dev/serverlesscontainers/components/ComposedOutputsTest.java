package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.aws.dynamodb.Table;
import com.pulumi.aws.dynamodb.TableArgs;
import com.pulumi.aws.dynamodb.inputs.TableAttributeArgs;
import com.pulumi.aws.ecs.TaskDefinitionArgs;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.lambda.FunctionArgs;
import com.pulumi.aws.s3.Bucket;
import com.pulumi.aws.s3.BucketArgs;
import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.core.internal.OutputData;
import com.pulumi.core.internal.OutputInternal;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Other resources' outputs as the component's leaf values, as a Java program passes them: a table's
 * name into a container's environment (inline and through {@code ${env:}}), a bucket's ARN into its
 * policy, outputs as tags; known, not yet known (preview) and secret; and refused where they would
 * decide which resources exist.
 */
@Timeout(60)
class ComposedOutputsTest {
    @TempDir
    Path project;
    private final MockAws aws = new MockAws();
    private final Map<String, Boolean> secretEnvironments = new ConcurrentHashMap<>();
    /** Per input that carries the outputs, whether its value is known when the component declares it. */
    private final Map<String, Boolean> known = new ConcurrentHashMap<>();

    @BeforeEach
    void shopSources() {
        TestDeploy.copyProject("shop", project);
    }

    @Test
    void aTablesNameAndABucketsArnReachTheEnvironmentsAndTheRolePolicy() {
        TestResult result = deploy(false, resources -> ServerlessContainersArgs.builder()
                .config(config(resources.table().name(), resources.bucket().arn().applyValue(arn -> arn + "/*")))
                .environment("BUCKET_NAME", resources.bucket().bucket()));

        assertThat(result.exceptions()).isEmpty();
        assertThat(result.errors()).isEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) ((Map<?, ?>) aws.named("aws:lambda/function:Function", "shop-dev-api-fn").inputs()
                .get("environment")).get("variables");
        assertThat(variables).containsEntry("TABLE_NAME", "orders-table");
        assertThat(aws.named("aws:iam/rolePolicy:RolePolicy", "shop-dev-api-policy").string("policy"))
                .contains("\"Resource\":[\"arn:aws:s3:eu-west-1:123456789012:uploads/*\"]");
        assertThat(aws.named("aws:ecs/taskDefinition:TaskDefinition", "shop-dev-web-task").string("containerDefinitions"))
                .contains("{\"name\":\"BUCKET_NAME\",\"value\":\"uploads-bucket\"}")
                .contains("{\"name\":\"BUCKET_URL\",\"value\":\"s3://uploads-bucket/ in eu-west-1\"}");
    }

    @Test
    void outputsNotKnownYetLeaveTheEnvironmentUnknownAndDeclareEveryResource() {
        TestResult result = deploy(true, resources -> ServerlessContainersArgs.builder()
                .config(config(unknown(), unknown()))
                .environment("BUCKET_NAME", unknown()));

        assertThat(result.exceptions()).isEmpty();
        assertThat(known).containsEntry("shop-dev-api-fn.environment", false).containsEntry("shop-dev-api-policy.policy", false)
                .containsEntry("shop-dev-web-task.containerDefinitions", false);
        assertThat(aws.ofType("aws:ecs/service:Service")).extracting(MockAws.Registered::name).containsExactly("shop-dev-web-service");
    }

    @Test
    void aSecretOutputKeepsTheEnvironmentItReachesSecret() {
        TestResult result = deploy(false, resources -> ServerlessContainersArgs.builder()
                .config(config(resources.table().name().asSecret(), Output.of("arn:aws:s3:::uploads/*"))));

        assertThat(result.exceptions()).isEmpty();
        assertThat(secretEnvironments).containsEntry("shop-dev-api-fn", true);
    }

    @Test
    void anOutputTagReachesEveryTaggedResource() {
        TestResult result = deploy(false, resources -> ServerlessContainersArgs.builder()
                .config(config(Output.of("orders"), Output.of("arn:aws:s3:::uploads/*")))
                .tags(Map.of("team", "shop", "costCenter", "plain"))
                .tag("costCenter", resources.table().name()));

        assertThat(result.exceptions()).isEmpty();
        assertThat((Map<String, Object>) aws.named("aws:ec2/vpc:Vpc", "shop-dev-vpc").inputs().get("tags"))
                .containsEntry("costCenter", "orders-table").containsEntry("team", "shop").containsEntry("Name", "shop-dev-vpc");
        assertThat((Map<String, Object>) aws.named("aws:lambda/function:Function", "shop-dev-api-fn").inputs().get("tags"))
                .containsEntry("costCenter", "orders-table");
    }

    @Test
    void anOutputWhereTheStructureIsDecidedFailsWithALocatedMessage() {
        TestResult result = deploy(false, resources -> {
            Map<String, Object> config = config(Output.of("orders"), Output.of("arn:aws:s3:::uploads/*"));
            @SuppressWarnings("unchecked")
            var api = (Map<String, Object>) ((Map<String, Object>) config.get("containers")).get("api");
            api.put("compute", Map.of("type", "awsLambda", "awsLambda", Map.of("memory", resources.table().name())));
            return ServerlessContainersArgs.builder().config(config);
        });

        assertThat(result.exceptions()).anySatisfy(e -> assertThat(e).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("containers.api.compute.awsLambda.memory: another resource's output is known only when the Pulumi program runs"));
        assertThat(aws.ofType("aws:lambda/function:Function")).isEmpty();
    }

    private record Resources(Table table, Bucket bucket) {}

    /** A program that declares a table and a bucket, then the component with args made from them. */
    private TestResult deploy(boolean preview, Function<Resources, ServerlessContainersArgs.Builder> args) {
        ResourceTransformation inspect = t -> {
            String name = t.resource().pulumiResourceName();
            // the version pruner's function carries no configuration, and has no environment
            if (t.args() instanceof FunctionArgs f && f.environment().isPresent()) {
                secretEnvironments.put(name, Internal.of(f.environment().orElseThrow()).isSecret().join());
                known.put(name + ".environment", Internal.of(f.environment().orElseThrow()).isKnown().join());
            } else if (t.args() instanceof RolePolicyArgs p) {
                known.put(name + ".policy", Internal.of(p.policy()).isKnown().join());
            } else if (t.args() instanceof TaskDefinitionArgs d) {
                known.put(name + ".containerDefinitions", Internal.of(d.containerDefinitions()).isKnown().join());
            }
            return Optional.empty();
        };
        try {
            return PulumiTest.withMocks(aws)
                    .withOptions(TestOptions.builder().projectName("app").stackName("dev").preview(preview)
                            .resourceTransformations(List.of(inspect)).build())
                    .runTest(ctx -> {
                        var table = new Table("orders", TableArgs.builder().name("orders-table").hashKey("id")
                                .attributes(TableAttributeArgs.builder().name("id").type("S").build()).billingMode("PAY_PER_REQUEST").build());
                        var bucket = new Bucket("uploads", BucketArgs.builder().bucket("uploads-bucket").build());
                        new ServerlessContainers("app", args.apply(new Resources(table, bucket))
                                .workingDirectory(project).environment(Map.of()).build());
                    });
        } finally {
            PulumiTest.cleanup();
        }
    }

    /** The shop project inline, with the table's name in the api's environment and an object ARN in its policy. */
    private static Map<String, Object> config(Output<String> tableName, Output<String> objects) {
        Map<String, Object> api = new java.util.LinkedHashMap<>(Map.of(
                "src", "./api",
                "routing", Map.of("pathPattern", "/api/*"),
                "environment", Map.of("TABLE_NAME", tableName),
                "compute", Map.of("type", "awsLambda", "awsIam", Map.of("customPolicy", Map.of("Statement", List.of(Map.of(
                        "Effect", "Allow", "Action", List.of("s3:GetObject"), "Resource", List.of(objects))))))));
        Map<String, Object> web = Map.of(
                "src", "./web",
                "routing", Map.of("pathPattern", "/*"),
                "environment", Map.of("BUCKET_NAME", "${env:BUCKET_NAME, none}", "BUCKET_URL", "s3://${env:BUCKET_NAME, none}/ in ${aws:region}"),
                "compute", Map.of("type", "awsFargateEcs"));
        return new java.util.LinkedHashMap<>(Map.of("name", "shop", "containers", new java.util.LinkedHashMap<>(Map.of("api", api, "web", web))));
    }

    private static Output<String> unknown() {
        return new OutputInternal<>(OutputData.unknown());
    }
}
