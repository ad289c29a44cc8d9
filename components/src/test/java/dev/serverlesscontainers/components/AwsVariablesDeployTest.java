package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.test.PulumiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration's AWS variables become values of the program: {@code ${ssm:/name}} the output of
 * ssm.getParameter (decrypted, asked once), {@code ${aws:region}} and {@code ${aws:accountId}} those of
 * getRegion and getCallerIdentity, in environment variables and policy documents alike. And a
 * container's own {@code executionRoleArn} is its task's execution role.
 */
@Timeout(120)
class AwsVariablesDeployTest {
    @TempDir
    Path project;

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void awsVariablesAreResolvedByTheProgramWhereTheyStand() throws Exception {
        TestDeploy.copyProject("shop", project);
        Path file = project.resolve("serverless.containers.yml");
        Files.writeString(file, Files.readString(file)
                .replace("      GREETING: hello\n", "      GREETING: hello\n      DB: ${ssm:/shop/${sls:stage}/db}\n"
                        + "      DB_AGAIN: postgres://${aws:ssm:/shop/dev/db}\n")
                .replace("arn:aws:dynamodb:eu-west-1:123456789012:table/orders", "arn:aws:dynamodb:${aws:region}:${aws:accountId}:table/orders")
                .replace("      SITE_TITLE: Shop\n", "      SITE_TITLE: Shop\n      DEPLOYED_IN: ${aws:region}\n")
                .replace("        memory: 1024\n", "        memory: 1024\n        executionRoleArn: arn:aws:iam::123456789012:role/web-exec\n"));
        TestDeploy.Deployed d = TestDeploy.run("dev", TestDeploy.args(project, b -> b));
        assertThat(d.result().errors()).isEmpty();

        MockAws.Registered fn = d.aws().resources.stream().filter(r -> r.type().equals("aws:lambda/function:Function")).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) fn.inputs().get("environment")).get("variables");
        assertThat(variables).containsEntry("DB", "value of /shop/dev/db").containsEntry("DB_AGAIN", "postgres://value of /shop/dev/db");
        assertThat(d.aws().calls.stream().filter(c -> c.token().equals("aws:ssm/getParameter:getParameter")))
                .as("one look-up per parameter, decrypted").singleElement()
                .satisfies(c -> assertThat(c.args()).containsEntry("name", "/shop/dev/db").containsEntry("withDecryption", true));

        assertThat(d.aws().resources.stream().filter(r -> r.type().equals("aws:iam/rolePolicy:RolePolicy")).map(r -> r.string("policy")))
                .as("the custom policy").filteredOn(p -> p.contains("dynamodb")).singleElement().asString()
                .contains("arn:aws:dynamodb:" + MockAws.REGION + ":" + MockAws.ACCOUNT + ":table/orders");

        MockAws.Registered task = d.aws().resources.stream().filter(r -> r.type().equals("aws:ecs/taskDefinition:TaskDefinition"))
                .findFirst().orElseThrow();
        assertThat(task.string("containerDefinitions")).contains("{\"name\":\"DEPLOYED_IN\",\"value\":\"" + MockAws.REGION + "\"}");
        assertThat(task.string("executionRoleArn")).isEqualTo("arn:aws:iam::123456789012:role/web-exec");
    }
}
