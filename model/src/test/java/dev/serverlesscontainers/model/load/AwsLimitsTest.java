package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.config.CertificateDomains;
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

/** Limits AWS applies across keys, and what it quietly cuts short: reported as the file's own problems. */
@Timeout(30)
class AwsLimitsTest {
    @TempDir
    Path dir;

    private ProjectConfig load(String yaml) throws IOException {
        Files.createDirectories(dir.resolve("app"));
        Path file = dir.resolve("serverless.containers.yml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, "serverless.containers.yml", "dev", Map.of());
    }

    private ConfigException failure(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> load(yaml));
    }

    private static String containers(int count, String compute) {
        StringBuilder b = new StringBuilder("name: many\ncontainers:\n");
        for (int i = 1; i <= count; i++) {
            b.append("  c").append(i).append(":\n    src: ./app\n    routing: {pathPattern: /c").append(i)
                    .append("/*, pathHealthCheck: /}\n").append(compute);
        }
        return b.toString();
    }

    @Test
    void aHundredContainersFitOneDistributionAndTheHundredAndFirstIsRefusedWhereItIsWritten() throws IOException {
        assertThat(load(containers(100, "")).containers()).hasSize(100);
        ConfigException e = failure(containers(101, ""));
        assertThat(e.errors()).extracting(Problem::toString).containsExactly("serverless.containers.yml:303:3 containers.c101: a CloudFront"
                + " distribution has at most 100 origins, one per container; this is container 101 (split the project, or ask AWS for a"
                + " higher quota and deploy the rest as a second project)");
    }

    @Test
    void theHundredAndFirstFargateContainerExceedsTheLoadBalancersRulesAndTargetGroups() {
        ConfigException e = failure(containers(101, "    compute: {type: awsFargateEcs}\n"));
        assertThat(e.errors()).extracting(Problem::toString).contains("serverless.containers.yml:403:3 containers.c101: a load balancer has"
                + " at most 100 listener rules and 100 target groups, one each per awsFargateEcs container; this is awsFargateEcs container"
                + " 101 (run some on awsLambda, or split the project)");
    }

    @Test
    void aLambdaTimeoutBeyondCloudFrontsOriginReadTimeoutIsAWarningAtTheTimeout() throws IOException {
        ProjectConfig config = load("""
                name: slow
                containers:
                  api:
                    src: ./app
                    routing: {pathPattern: /*, pathHealthCheck: /}
                    compute:
                      awsLambda:
                        timeout: 120
                """);
        assertThat(config.warnings()).extracting(Problem::toString).containsExactly("serverless.containers.yml:8:18"
                + " containers.api.compute.awsLambda.timeout: CloudFront waits at most 60 s for a response, so a request that runs longer"
                + " gets 504 from CloudFront while the function goes on for up to 120 s");
    }

    @Test
    void aJavaImageOnLambdaWithAShortTimeoutIsWarnedAbout() throws IOException {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/Dockerfile"), "FROM maven:3.9-eclipse-temurin-21 AS build\nRUN mvn package\n"
                + "FROM eclipse-temurin:21-jre\nCOPY --from=build /app.jar /app.jar\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n");
        ProjectConfig config = load("name: jvm\ncontainers:\n  api:\n    src: ./app\n    routing: {pathPattern: /*, pathHealthCheck: /}\n");
        assertThat(config.warnings()).extracting(Problem::toString).containsExactly("serverless.containers.yml:3:3 containers.api.compute"
                + ".awsLambda.timeout: a Java app often needs more than Lambda's 10 s init to start; the Lambda Web Adapter then goes on"
                + " waiting for it in the first request, which a 6 s timeout cuts short (the deploy's health check fails); set it to 30 or"
                + " more");

        ProjectConfig patient = load("name: jvm\ncontainers:\n  api:\n    src: ./app\n    routing: {pathPattern: /*, pathHealthCheck: /}\n"
                + "    compute: {awsLambda: {timeout: 30}}\n");
        assertThat(patient.warnings()).isEmpty();
    }

    @Test
    void aMavenProjectWithoutADockerfileGetsTheGeneratedJavaImageAndTheSameWarning() throws IOException {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/pom.xml"), "<project/>\n");
        ProjectConfig config = load("name: jvm\ncontainers:\n  api:\n    src: ./app\n    routing: {pathPattern: /*, pathHealthCheck: /}\n"
                + "    compute: {awsLambda: {timeout: 10}}\n");
        assertThat(config.warnings()).extracting(Problem::toString).singleElement().asString()
                .startsWith("serverless.containers.yml:6:36 containers.api.compute.awsLambda.timeout: a Java app often needs more");
    }

    @Test
    void aNodeImageWithTheDefaultTimeoutIsNotWarnedAbout() throws IOException {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/Dockerfile"), "FROM node:22-slim\nCMD [\"node\", \"index.js\"]\n");
        assertThat(load("name: node\ncontainers:\n  api:\n    src: ./app\n    routing: {pathPattern: /*, pathHealthCheck: /}\n")
                .warnings()).isEmpty();
    }

    @Test
    void theCertificatesCommonNameIsTheFirstDomainThatFitsAndTheRestAreAlternativeNames() {
        String longName = "a-rather-long-host-name-for-the-api.of-a-long-company-name.example.com";
        assertThat(CertificateDomains.plan(java.util.List.of(longName, "www.example.com", "*.example.com")))
                .contains(new CertificateDomains("www.example.com", java.util.List.of(longName, "*.example.com")));
        assertThat(CertificateDomains.plan(java.util.List.of(longName))).isEmpty();
    }
}
