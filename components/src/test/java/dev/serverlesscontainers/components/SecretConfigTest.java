package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.aws.ecs.TaskDefinitionArgs;
import com.pulumi.aws.lambda.FunctionArgs;
import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.docker.ImageArgs;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret in the configuration stays a secret: the inputs that carry a container's configuration
 * (the Lambda environment, the task definition, the image's build arguments) are registered as
 * secrets when that container's configuration holds one, and only then.
 */
class SecretConfigTest {
    @TempDir
    Path project;

    @Test
    void aSecretEnvironmentValueMakesOnlyItsContainersInputsSecret() {
        Map<String, Boolean> secret = deploy(b -> b.secretPaths(List.of("containers.api.environment.GREETING")));
        assertThat(secret).containsEntry("shop-dev-api-fn.environment", true)
                .containsEntry("shop-dev-api-image.build.args", true)
                .containsEntry("shop-dev-web-task.containerDefinitions", false)
                .containsEntry("shop-dev-web-image.build.args", false);
    }

    @Test
    void aSecretWholeConfigurationMakesEveryContainersInputsSecret() {
        Map<String, Boolean> secret = deploy(b -> b.secret(true));
        assertThat(secret).hasSize(4).containsOnly(
                Map.entry("shop-dev-api-fn.environment", true),
                Map.entry("shop-dev-api-image.build.args", true),
                Map.entry("shop-dev-web-task.containerDefinitions", true),
                Map.entry("shop-dev-web-image.build.args", true));
    }

    @Test
    void withoutSecretsNothingIsSecret() {
        assertThat(deploy(UnaryOperator.identity())).hasSize(4).doesNotContainValue(true);
    }

    @Test
    void aSecretOutsideTheContainersMayReachAnyContainer() {
        var args = ServerlessContainersArgs.builder().secretPaths(List.of("stages.prod.params.TOKEN")).build();
        assertThat(args.isSecretFor("api")).isTrue();
        var one = ServerlessContainersArgs.builder().secretPaths(List.of("containers.api.environment.TOKEN")).build();
        assertThat(one.isSecretFor("api")).isTrue();
        assertThat(one.isSecretFor("ap")).isFalse();
        assertThat(one.isSecretFor("web")).isFalse();
    }

    /** The shop project deployed under mocks: per resource input that carries configuration, whether it is secret. */
    private Map<String, Boolean> deploy(UnaryOperator<ServerlessContainersArgs.Builder> more) {
        TestDeploy.copyProject("shop", project);
        Map<String, Boolean> secret = new ConcurrentHashMap<>();
        ResourceTransformation inspect = t -> {
            String name = t.resource().pulumiResourceName();
            // the version pruner's function carries no configuration, and has no environment
            if (t.args() instanceof FunctionArgs f && f.environment().isPresent()) {
                secret.put(name + ".environment", isSecret(f.environment().orElseThrow()));
            } else if (t.args() instanceof TaskDefinitionArgs d) {
                secret.put(name + ".containerDefinitions", isSecret(d.containerDefinitions()));
            } else if (t.args() instanceof ImageArgs i) {
                var build = Internal.of(i.build().orElseThrow()).getDataAsync().join().getValueNullable();
                secret.put(name + ".build.args", isSecret(build.args().orElseThrow()));
            }
            return Optional.empty();
        };
        try {
            var result = PulumiTest.withMocks(new MockAws())
                    .withOptions(TestOptions.builder().projectName("app").stackName("dev").resourceTransformations(List.of(inspect)).build())
                    .runTest(ctx -> new ServerlessContainers("app", TestDeploy.args(project, more)));
            assertThat(result.errors()).isEmpty();
        } finally {
            PulumiTest.cleanup();
        }
        return secret;
    }

    private static boolean isSecret(Output<?> output) {
        return Internal.of(output).isSecret().join();
    }
}
