package dev.serverlesscontainers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The component composed with the rest of a program in another language (programs/composed-LANGUAGE):
 * a table's name and a bucket's ARN, not known before the first deploy, go into the containers'
 * environment (inline, through {@code ${env:}}), their IAM policy and the tags; a database's security
 * group lets the tasks in by the component's output; a transform on the component sets every log
 * group's retention. Previewed and deployed on the first run, under the real engine, on a simulated account;
 * then, as every program, previewed unchanged without changes (the values from the program's other
 * resources make no phantom diff) and destroyed ({@link ProgramOnAccount}).
 * The project lists the package as {@code pulumi package add} writes it, so {@code pulumi install} alone
 * prepares it, as the examples' READMEs say.
 */
abstract class ComposedProgramIT extends ProgramOnAccount {
    private static final String FUNCTION = "aws:lambda/function:Function";
    private static final String LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
    /** What the program's transform sets on every log group (the component's own default is another). */
    private static final int RETENTION_DAYS = 7;
    /** How the engine shows a value not known yet. */
    private static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    /** {@code pulumi stack output --json} and {@code pulumi stack export} after the first up. */
    private JsonNode outputs;
    private JsonNode state;

    ComposedProgramIT(String program) {
        super(program);
    }

    @Override
    Path layOut(Path workspace) throws IOException {
        Path directory = workspace.resolve(name);
        Workspaces.copyTree(Workspaces.repository().resolve("e2e/engine-tests/programs").resolve(name), directory);
        // the containers' sources: the hello example's, inside the program's folder (src may not leave it)
        for (String container : List.of("api", "web")) {
            Workspaces.copyTree(Workspaces.repository().resolve("examples/hello").resolve(container), directory.resolve(container));
        }
        // the package's source, as `pulumi package add` records it (ExampleProgramIT proves that command)
        Files.writeString(directory.resolve("Pulumi.yaml"), "packages:\n  serverless-containers: " + Workspaces.repository() + "\n",
                StandardOpenOption.APPEND);
        return directory;
    }

    /** A project that lists the package: {@code pulumi install} generates and links its SDK, and installs the rest. */
    @Override
    void install() {
        pulumi.ok("install");
    }

    @Test
    @Order(1)
    void theFirstPreviewPassesWithTheOutputsNotKnownYet() {
        Preview preview = Preview.of(pulumi.ok("preview", "--json"));

        assertThat(preview.created()).contains("aws:dynamodb/table:Table  orders", "aws:s3/bucket:Bucket  uploads",
                FUNCTION + "  shop-dev-api-fn", "aws:iam/rolePolicy:RolePolicy  shop-dev-api-policy",
                "aws:ecs/taskDefinition:TaskDefinition  shop-dev-web-task",
                "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule  database-from-tasks");
        assertThat(planned(preview, "shop-dev-api-policy").at("/newState/inputs/policy").asText())
                .as("the policy holds the bucket's ARN, which AWS gives only when it creates the bucket").isEqualTo(UNKNOWN);
    }

    private static JsonNode planned(Preview preview, String name) {
        for (JsonNode step : preview.json().path("steps")) {
            if (step.path("urn").asText().endsWith("::" + name)) {
                return step;
            }
        }
        throw new AssertionError("the preview has no step for " + name);
    }

    @Test
    @Order(2)
    void theFirstUpDeploysAndTheChildrenCarryTheResolvedValues() throws IOException {
        pulumi.ok("up", "--yes", "--skip-preview");
        // the stack as the next steps read it: they change nothing
        outputs = JSON.readTree(pulumi.ok("stack", "output", "--json").stdout());
        state = JSON.readTree(pulumi.ok("stack", "export").stdout());

        String table = outputs.path("ordersTable").asText();
        String bucketArn = outputs.path("uploadsArn").asText();
        assertThat(table).startsWith("orders-");
        assertThat(bucketArn).startsWith("arn:aws:s3:::uploads-");
        JsonNode tableState = StackExport.resource(state, "aws:dynamodb/table:Table", "orders");
        JsonNode function = StackExport.resource(state, FUNCTION, "shop-dev-api-fn");
        assertThat(function.at("/inputs/environment/variables/ORDERS_TABLE").asText()).isEqualTo(table);
        assertThat(function.at("/outputs/environment/variables/ORDERS_TABLE").asText()).isEqualTo(table);
        assertThat(texts(function.at("/propertyDependencies/environment")))
                .as("the function's environment depends on the table").contains(tableState.path("urn").asText());
        assertThat(StackExport.resource(state, "aws:iam/rolePolicy:RolePolicy", "shop-dev-api-policy").at("/inputs/policy").asText())
                .contains(tableState.at("/outputs/arn").asText())
                .contains("\"" + bucketArn + "/*\"");
        assertThat(StackExport.resource(state, "aws:ecs/taskDefinition:TaskDefinition", "shop-dev-web-task").at("/inputs/containerDefinitions").asText())
                .contains("{\"name\":\"UPLOADS_BUCKET_ARN\",\"value\":\"" + bucketArn + "\"}");
        assertThat(StackExport.resource(state, "aws:ec2/vpc:Vpc", "shop-dev-vpc").at("/inputs/tags/ordersTable").asText()).isEqualTo(table);
    }

    @Test
    @Order(3)
    void aTransformOnTheComponentReachesEveryLogGroupItCreates() {
        List<SimulatedAccount.Event> created = account.events().stream()
                .filter(e -> e.type().equals(LOG_GROUP) && e.is("start", "create")).toList();

        assertThat(created).as("log groups the account created").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(e -> assertThat(e.detail().path("retentionInDays").asInt()).as(e.name()).isEqualTo(RETENTION_DAYS));
        for (JsonNode resource : state.path("deployment").path("resources")) {
            if (resource.path("type").asText().equals(LOG_GROUP)) {
                assertThat(resource.at("/outputs/retentionInDays").asInt()).as(resource.path("urn").asText()).isEqualTo(RETENTION_DAYS);
            }
        }
    }

    @Test
    @Order(4)
    void theDatabaseLetsTheTasksInByTheComponentsOutput() {
        String tasks = outputs.path("tasksSecurityGroupId").asText();

        assertThat(tasks).matches("sg-0[0-9a-f]{16}");
        JsonNode rule = StackExport.resource(state, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "database-from-tasks");
        assertThat(rule.at("/inputs/referencedSecurityGroupId").asText()).isEqualTo(tasks);
        assertThat(account.resources()).anySatisfy(r -> assertThat(r.logicalName()).isEqualTo("database-from-tasks"));
        assertThat(account.resources()).anySatisfy(r -> assertThat(r.id()).isEqualTo(tasks));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
