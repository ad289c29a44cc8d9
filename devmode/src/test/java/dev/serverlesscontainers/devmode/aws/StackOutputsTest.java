package dev.serverlesscontainers.devmode.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --stack-outputs FILE}: the roles come from what {@code pulumi stack output --json} wrote, and a
 * bad file is a located error.
 */
class StackOutputsTest extends AwsTestBase {
    /** Deployed with Pulumi's auto-naming: the physical names carry a random suffix the naming function cannot know. */
    static final String API = "arn:aws:iam::123456789012:role/hello-dev-api-role-3f9a1c2";
    static final String WEB = "arn:aws:iam::123456789012:role/hello-dev-web-role-88b0e41";

    /** As {@code pulumi stack output --json} prints a program that exports the component's outputs one by one. */
    static final String OUTPUTS = """
            {
              "albDnsName": "hello-dev-alb-1234.eu-west-1.elb.amazonaws.com",
              "containers": {
                "api": {
                  "computeType": "awsLambda",
                  "imageUri": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hello-dev-api-repo:9c1e",
                  "roleArn": "%s",
                  "url": "https://d111111abcdef8.cloudfront.net/api"
                },
                "web": {
                  "computeType": "awsFargateEcs",
                  "roleArn": "%s",
                  "serviceName": "hello-dev-web-service"
                },
                "admin": {
                  "computeType": "awsLambda",
                  "roleArn": "arn:aws:iam::123456789012:role/team-admin"
                }
              },
              "url": "https://d111111abcdef8.cloudfront.net"
            }
            """.formatted(API, WEB);

    Path file;

    @BeforeEach
    void setUp() throws Exception {
        aws.sts.trust(API, AwsFixture.ALICE).trust(WEB, AwsFixture.ALICE);
        file = temp.resolve("outputs.json");
    }

    @Test
    void rolesComeFromTheContainersOutput() throws Exception {
        Files.writeString(file, OUTPUTS);
        try (LiveRoles roles = aws.start(aws.project("dev"), aws.settings().withStackOutputs(file))) {
            assertThat(roles.status()).extracting(s -> s.roleArn().orElseThrow()).containsExactly(API, WEB, Project.ADMIN_ROLE);
            assertThat(roles.status()).extracting(s -> s.roleSource().orElseThrow())
                    .containsExactly("stack outputs", "stack outputs", "compute.awsIam.roleArn");
            assertThat(roles.status()).extracting(RoleStatus::state).containsOnly(RoleStatus.State.ACTIVE);
        }
        assertThat(aws.sts.requests("AssumeRole")).extracting(r -> r.params().get("RoleArn")).containsExactly(API, WEB, Project.ADMIN_ROLE);
        assertThat(aws.output.warnings()).isEmpty();
    }

    @Test
    void anExportedComponentIsFoundToo() throws Exception {
        Files.writeString(file, "{\"app\": " + OUTPUTS + "}");
        try (LiveRoles roles = aws.start(aws.project("dev"), aws.settings().withStackOutputs(file))) {
            assertThat(roles.status().get(0).roleArn()).contains(API);
        }
    }

    @Test
    void aContainerMissingFromTheOutputsStartsWithoutCredentials() throws Exception {
        Files.writeString(file, OUTPUTS.replace("\"web\"", "\"worker\""));
        try (LiveRoles roles = aws.start(aws.project("dev"), aws.settings().withStackOutputs(file))) {
            assertThat(roles.environment("api")).containsKey("AWS_SESSION_TOKEN");
            assertThat(roles.environment("web")).isEmpty();
            assertThat(roles.status().get(1).detail()).contains("not in the containers output of " + file);
        }
        assertThat(aws.output.warnings()).singleElement().satisfies(w -> assertThat(w)
                .isEqualTo("web starts without AWS credentials:\n  web: not in the containers output of " + file
                        + " (added after the last deploy? run `pulumi up`, then write the file again)"));
    }

    @Test
    void malformedJsonIsALocatedError() throws Exception {
        Files.writeString(file, "{\n  \"containers\": {\n    \"api\": {\"roleArn\": \"arn:aws:iam::123456789012:role/x\",}\n  }\n}\n");
        assertThatThrownBy(() -> aws.start(aws.project("dev"), aws.settings().withStackOutputs(file)))
                .isInstanceOf(AwsSetupException.class)
                .hasMessageStartingWith(file + ":3:")
                .hasMessageContaining("not valid JSON: Unexpected character ('}'");
        assertThat(aws.sts.requests()).as("the file is checked before AWS is called").isEmpty();
    }

    @Test
    void wrongValuesAreLocatedAndAllReportedAtOnce() throws Exception {
        Files.writeString(file, """
                {
                  "containers": {
                    "api": {"roleArn": 42},
                    "web": "arn:aws:iam::123456789012:role/hello-dev-web-role",
                    "admin": {"url": "https://example.com"}
                  }
                }
                """);
        assertThatThrownBy(() -> aws.start(aws.project("dev"), aws.settings().withStackOutputs(file)))
                .isInstanceOf(AwsSetupException.class)
                .satisfies(e -> assertThat(((AwsSetupException) e).problems()).containsExactly(
                        file + ":3:24 containers.api.roleArn: expected an IAM role ARN such as arn:aws:iam::123456789012:role/NAME (got 42)",
                        file + ":4:12 containers.web: expected an object with roleArn (got arn:aws:iam::123456789012:role/hello-dev-web-role)",
                        file + ":5:14 containers.admin: no roleArn (keys: url)"));
    }

    @Test
    void theFileMustHoldTheContainersOutput() throws Exception {
        Files.writeString(file, "{\"url\": \"https://d111.cloudfront.net\", \"bucket\": \"b\"}");
        assertThatThrownBy(() -> StackOutputs.read(file)).isInstanceOf(AwsSetupException.class)
                .hasMessage(file + ": no `containers` output (expected the ServerlessContainers component's `containers` output, "
                        + "exported as `containers` or inside an exported component; outputs found: url, bucket)");
        Files.writeString(file, "[1, 2]");
        assertThatThrownBy(() -> StackOutputs.read(file)).hasMessage(file + ":1:1: expected a JSON object of stack outputs, as "
                + "`pulumi stack output --json` prints (got a list)");
        Files.writeString(file, "");
        assertThatThrownBy(() -> StackOutputs.read(file)).hasMessageContaining("(got an empty file)");
    }

    @Test
    void aSecretOutputSaysHowToWriteTheFile() throws Exception {
        Files.writeString(file, "{\"containers\": \"[secret]\"}");
        assertThatThrownBy(() -> StackOutputs.read(file)).hasMessage(file + ":1:16 containers: the output is a secret, so the file "
                + "holds [secret] instead of the role ARNs (write it with `pulumi stack output --json --show-secrets`)");
    }

    @Test
    void aMissingFileSaysHowToWriteIt() {
        Path missing = temp.resolve("nope.json");
        assertThatThrownBy(() -> StackOutputs.read(missing)).isInstanceOf(AwsSetupException.class)
                .hasMessage("--stack-outputs " + missing + ": no such file (write it with `pulumi stack output --json --stack STAGE > "
                        + missing + "`)");
    }

    @Test
    void rolesOfAnotherStackAreRefused() throws Exception {
        Files.writeString(file, OUTPUTS.replace("hello-dev-api-role", "hello-prod-api-role"));
        assertThatThrownBy(() -> aws.start(aws.project("dev"), aws.settings().withStackOutputs(file)))
                .isInstanceOf(AwsSetupException.class)
                .hasMessage(file + ":7:18 containers.api.roleArn: role hello-prod-api-role-3f9a1c2 is not one of hello-dev's (expected a "
                        + "name starting with hello-dev-); was the file written for another stack?");
        assertThat(aws.sts.requests("AssumeRole")).isEmpty();
        assertThat(aws.http.closed()).isTrue();
    }
}
