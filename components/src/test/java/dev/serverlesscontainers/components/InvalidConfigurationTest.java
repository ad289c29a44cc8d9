package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.serverlesscontainers.components.TestDeploy.Deployed;
import dev.serverlesscontainers.model.load.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configuration the component cannot deploy fails with the model's located text, not a stack trace. */
class InvalidConfigurationTest {
    @TempDir
    Path project;

    @Test
    void aBadFileFailsWithTheModelsLocatedProblemsAndNoStackTrace() throws Exception {
        TestDeploy.copyProject("shop", project);
        Path config = project.resolve("serverless.containers.yml");
        Files.writeString(config, Files.readString(config).replace("memory: 1024", "memory: 3000").replace("timeout: 10", "timeout: 901"));
        String modelText = assertThatThrownBy(() -> ConfigLoader.load(config, "serverless.containers.yml", "dev", Map.of()))
                .actual().getMessage();

        Deployed d = TestDeploy.run("dev", TestDeploy.argsFor(project).build());

        assertThat(d.result().exceptions()).isNotEmpty().allSatisfy(e -> {
            Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
            assertThat(cause).isInstanceOf(InvalidConfigurationException.class);
            assertThat(((InvalidConfigurationException) cause).problems()).hasSize(2);
        });
        // what the SDK reports for a RunException: its message, unchanged
        assertThat(d.result().errors()).containsExactly(modelText);
        assertThat(modelText).startsWith("2 problems in the configuration:\n")
                .contains("serverless.containers.yml:15:18 containers.api.compute.awsLambda.timeout:")
                .contains("containers.web.compute.awsFargateEcs.memory: 3000");
        assertThat(d.result().errors().get(0)).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(d.aws().resources).extracting(MockAws.Registered::type).containsOnly(ServerlessContainers.TYPE);
    }

    @Test
    void devTrustIsRefusedOnAProductionStage() {
        TestDeploy.copyProject("shop", project);
        Deployed d = TestDeploy.run("prod", TestDeploy.args(project, a -> a.devTrustPrincipalArns(List.of("arn:aws:iam::123456789012:user/dev"))));

        assertThat(d.result().errors()).singleElement().asString()
                .isEqualTo("ServerlessContainers devTrustPrincipalArns: stage prod is a production stage (productionStages: prod, production);"
                        + " dev-mode trust for arn:aws:iam::123456789012:user/dev is only granted on other stages");
    }

    @Test
    void exactlyOneOfConfigFileAndConfig() {
        Deployed d = TestDeploy.run("dev", ServerlessContainersArgs.builder().workingDirectory(project).build());
        assertThat(d.result().errors()).singleElement().asString()
                .contains("give exactly one of configFile (the path of a serverless.containers.yml) and config").endsWith("neither was given");
    }

    @Test
    void aMissingFileIsNamedAsWritten() {
        Deployed d = TestDeploy.run("dev", TestDeploy.args(project, a -> a.configFile("nope/serverless.containers.yml")));
        assertThat(d.result().errors()).singleElement().asString().startsWith("nope/serverless.containers.yml: no such file");
    }

    @Test
    void aSourceFolderWithNothingToBuildIsAConfigurationError() throws Exception {
        TestDeploy.copyProject("shop", project);
        Files.delete(project.resolve("api/package.json"));
        Files.delete(project.resolve("api/index.js"));
        Files.writeString(project.resolve("api/README.md"), "nothing to run");
        Deployed d = TestDeploy.run("dev", TestDeploy.argsFor(project).build());
        assertThat(d.result().errors()).singleElement().asString()
                .startsWith("serverless.containers.yml:4:3 containers.api.src: ./api has no Dockerfile and no image can be generated for it:")
                .endsWith("(add a Dockerfile, or set build.dockerFileString)");
    }
}
