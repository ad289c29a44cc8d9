package dev.serverlesscontainers.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The program under Pulumi's mocks: each stack is a stage of examples/hello. */
class AppTest {
    final HelloMocks aws = new HelloMocks();

    TestResult run(String stack) {
        return PulumiTest.withMocks(aws)
                .withOptions(TestOptions.builder().projectName("hello-java").stackName(stack).build())
                .runTest(App::stack);
    }

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void theDevStackDeploysTheApiTheSiteAndTheAdminApp() {
        TestResult result = run("dev");
        assertThat(result.errors()).isEmpty();

        Map<?, ?> api = aws.named("aws:lambda/function:Function", "hello-dev-api-fn").inputs();
        assertThat(((Map<?, ?>) ((Map<?, ?>) api.get("environment")).get("variables")).get("GREETING")).isEqualTo("Hello");
        assertThat(aws.named("aws:ecs/service:Service", "hello-dev-web-service").inputs()).containsEntry("launchType", "FARGATE");
        assertThat(((Map<?, ?>) aws.named("aws:lb/targetGroup:TargetGroup", "hello-dev-web-tg").inputs().get("healthCheck")).get("path"))
                .isEqualTo("/health");
        assertThat(aws.named("aws:route53/record:Record", "hello-dev-A-admin.hello.example.com-dns").inputs())
                .containsEntry("name", "admin.hello.example.com");
        assertThat(aws.named("aws:ecr/repository:Repository", "hello-dev-api-repo").inputs().get("tags"))
                .isEqualTo(Map.of("example", "hello-java", "serverless-containers:project", "hello", "serverless-containers:stage", "dev",
                        "Name", "hello-dev-api-repo"));

        assertThat(PulumiTest.extractValue(result.output("url"))).isEqualTo("https://d111111abcdef8.cloudfront.net");
        Map<?, ?> containers = (Map<?, ?>) PulumiTest.extractValue(result.output("containers"));
        assertThat(containers.keySet().stream().map(String::valueOf).toList()).containsExactlyInAnyOrder("api", "web", "admin");
    }

    @Test
    void theProdStackIsTheProdStage() {
        TestResult result = run("prod");
        assertThat(result.errors()).isEmpty();
        Map<?, ?> api = aws.named("aws:lambda/function:Function", "hello-prod-api-fn").inputs();
        assertThat(((Map<?, ?>) ((Map<?, ?>) api.get("environment")).get("variables")).get("GREETING")).isEqualTo("Welcome");
        assertThat(aws.resources).noneSatisfy(r -> assertThat(r.name()).startsWith("hello-dev-"));
    }
}
