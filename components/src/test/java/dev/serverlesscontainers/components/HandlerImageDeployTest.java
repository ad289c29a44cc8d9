package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.components.TestDeploy.Deployed;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A handler image is deployed as it is; {@code compute.awsLambda.streaming} makes the function URL stream. */
@Timeout(120)
class HandlerImageDeployTest {
    @TempDir
    Path project;

    private Deployed deploy(String apiDockerfile, boolean streaming) throws Exception {
        Path config = project.resolve("serverless.containers.yml");
        if (!Files.exists(config)) {
            TestDeploy.copyProject("shop", project);
        }
        if (apiDockerfile != null) {
            Files.writeString(project.resolve("api/Dockerfile"), apiDockerfile);
        }
        String text = Files.readString(config).replaceAll("\n        streaming: \\w+", "");
        Files.writeString(config, text.replace("        timeout: 10\n", "        timeout: 10\n        streaming: " + streaming + "\n"));
        return TestDeploy.run("dev", TestDeploy.argsFor(project).build());
    }

    @Test
    void aHandlerImageGetsNoWebAdapterAndStreamsWhenAskedTo() throws Exception {
        Deployed d = deploy("FROM public.ecr.aws/lambda/nodejs:20\nCOPY . ${LAMBDA_TASK_ROOT}\nCMD [\"index.handler\"]\n", true);
        assertThat(d.result().errors()).isEmpty();
        assertThat(project.resolve(".serverless-containers/dev/api/Dockerfile")).as("no Lambda variant is written").doesNotExist();
        assertThat(d.aws().named("aws:lambda/functionUrl:FunctionUrl", "shop-dev-api-url").inputs())
                .containsEntry("invokeMode", "RESPONSE_STREAM");
    }

    @Test
    void anHttpAppGetsTheAdapterWhichStreamsOnlyWhenAskedTo() throws Exception {
        Deployed buffered = deploy(null, false);
        Path lambdaDockerfile = project.resolve(".serverless-containers/dev/api/Dockerfile");
        assertThat(lambdaDockerfile).content().contains("/opt/extensions/lambda-adapter").doesNotContain("AWS_LWA_INVOKE_MODE");
        assertThat(buffered.aws().named("aws:lambda/functionUrl:FunctionUrl", "shop-dev-api-url").inputs())
                .containsEntry("invokeMode", "BUFFERED");

        Deployed streamed = deploy(null, true);
        assertThat(lambdaDockerfile).content().contains("AWS_LWA_INVOKE_MODE=response_stream");
        assertThat(streamed.aws().named("aws:lambda/functionUrl:FunctionUrl", "shop-dev-api-url").inputs())
                .containsEntry("invokeMode", "RESPONSE_STREAM");
    }
}
