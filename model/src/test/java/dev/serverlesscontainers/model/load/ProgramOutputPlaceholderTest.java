package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.config.AwsPlaceholder;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.ProjectConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another resource's output, handed to the model as its placeholder (through {@code ${env:}}, a stage
 * parameter or inline): carried untouched into the leaf values that may hold it, refused with a located
 * message where the model needs the value itself.
 */
@Timeout(30)
class ProgramOutputPlaceholderTest {
    private static final String TABLE = AwsPlaceholder.output(0).token();
    private static final String BUCKET_ARN = AwsPlaceholder.output(1).token();
    private static final String POLICY = AwsPlaceholder.output(2).token();

    @TempDir
    Path project;

    @Test
    void anOutputReadThroughEnvOrAParameterPassesUntouchedIntoEnvironmentAndPolicy() throws IOException {
        ProjectConfig config = load("""
                name: shop
                stages:
                  default:
                    params:
                      bucket: ${env:BUCKET_ARN}
                containers:
                  api:
                    src: ./api
                    routing:
                      pathPattern: /*
                    environment:
                      TABLE_NAME: ${env:TABLE_NAME}
                      TABLE_URL: dynamodb://${env:TABLE_NAME}/items
                    compute:
                      awsIam:
                        customPolicy:
                          Statement:
                            - Effect: Allow
                              Action: s3:GetObject
                              Resource: ${param:bucket}/*
                """, Map.of("TABLE_NAME", TABLE, "BUCKET_ARN", BUCKET_ARN));

        ContainerConfig api = config.containers().get("api");
        assertThat(api.environment()).containsEntry("TABLE_NAME", TABLE).containsEntry("TABLE_URL", "dynamodb://" + TABLE + "/items");
        assertThat(api.iam().orElseThrow().customPolicyJson().orElseThrow()).contains("\"" + BUCKET_ARN + "/*\"");
        assertThat(AwsPlaceholder.split(api.environment().get("TABLE_URL")))
                .containsExactly("dynamodb://", AwsPlaceholder.output(0), "/items");
    }

    @Test
    void aWholePolicyDocumentMayBeAnOutput() throws IOException {
        ProjectConfig config = load("""
                name: shop
                containers:
                  api:
                    src: ./api
                    routing:
                      pathPattern: /*
                    compute:
                      awsIam:
                        customPolicy: ${env:POLICY}
                """, Map.of("POLICY", POLICY));

        assertThat(config.containers().get("api").iam().orElseThrow().customPolicyJson()).contains(POLICY);
    }

    @Test
    void anOutputWhereTheStructureIsDecidedIsALocatedError() throws IOException {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load("""
                name: shop
                containers:
                  api:
                    src: ./api
                    routing:
                      pathPattern: /*
                    compute:
                      type: awsLambda
                      awsLambda:
                        memory: ${env:MEMORY}
                """, Map.of("MEMORY", TABLE)));

        assertThat(e.errors()).singleElement().satisfies(p -> {
            assertThat(p.toString()).startsWith("serverless.containers.yml:10:17 ").contains("containers.api.compute.awsLambda.memory");
            assertThat(p.message()).contains("another resource's output is known only when the Pulumi program runs")
                    .contains("which containers exist, their compute, routing and sizes must be plain values");
        });
    }

    private ProjectConfig load(String yaml, Map<String, String> environment) throws IOException {
        Files.createDirectories(project.resolve("api"));
        Path file = project.resolve("serverless.containers.yml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, "serverless.containers.yml", "dev", environment);
    }
}
