package dev.serverlesscontainers.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What makes a Lambda image a handler, deployed without the Web Adapter: its base image, its Dockerfile, its manifest. */
@Timeout(10)
class HandlerImageTest {
    @TempDir
    Path src;

    @Test
    void anAwsLambdaBaseImageIsAHandlerEvenThroughStages() {
        assertThat(HandlerImage.reason(src, "FROM public.ecr.aws/lambda/python:3.12\nCOPY app.py ./\nCMD [\"app.handler\"]\n",
                Optional.empty())).hasValueSatisfying(r -> assertThat(r).contains("public.ecr.aws/lambda/python:3.12"));
        assertThat(HandlerImage.reason(src, "FROM --platform=linux/arm64 amazon/aws-lambda-nodejs:20 AS base\nFROM base\nCMD [\"i.h\"]\n",
                Optional.empty())).isPresent();
        String staged = "FROM public.ecr.aws/lambda/nodejs:20 AS fn\nFROM node:20-slim AS web\n";
        assertThat(HandlerImage.reason(src, staged, Optional.of("fn"))).isPresent();
        assertThat(HandlerImage.reason(src, staged, Optional.empty())).as("the last stage serves HTTP").isEmpty();
    }

    @Test
    void aRuntimeInterfaceClientInTheDockerfileOrTheManifestMakesAHandler() throws Exception {
        assertThat(HandlerImage.reason(src, "FROM python:3.12-slim\nRUN pip install awslambdaric\n"
                + "ENTRYPOINT [\"python\", \"-m\", \"awslambdaric\"]\nCMD [\"app.handler\"]\n", Optional.empty())).isPresent();
        String node = "FROM node:20-slim\nCOPY . .\nCMD [\"node\", \"server.js\"]\n";
        assertThat(HandlerImage.reason(src, node, Optional.empty())).isEmpty();
        Files.writeString(src.resolve("package.json"), "{\"dependencies\": {\"aws-lambda-ric\": \"^3.3.0\"}}");
        assertThat(HandlerImage.reason(src, node, Optional.empty()))
                .hasValue("package.json declares the runtime interface client aws-lambda-ric");
    }
}
