package dev.serverlesscontainers.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * examples/typescript type-checks (strict) against the SDK {@code pulumi package add} generates
 * from schema.json, as {@link TypeScriptDeclaration} renders it, with the real {@code @pulumi/pulumi}
 * from npm; and so does a program giving the configuration inline. A program that misnames an input
 * does not.
 */
class TypeScriptExampleIT {
    static final List<String> NPM_PACKAGES = List.of("typescript@5.6.3", "@pulumi/pulumi@3.150.0", "@types/node@20.17.10");
    static final Path WORK = PackageSchemaTest.repository().resolve("provider/target/typescript-check");

    @BeforeAll
    static void installTheCompilerAndThePulumiSdk() throws Exception {
        Files.createDirectories(WORK);
        if (!Files.isDirectory(WORK.resolve("node_modules/@pulumi/pulumi")) || !Files.isDirectory(WORK.resolve("node_modules/typescript"))) {
            Files.writeString(WORK.resolve("package.json"), "{\"name\": \"typescript-check\", \"private\": true}\n");
            var command = new java.util.ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"));
            command.addAll(NPM_PACKAGES);
            Result r = run(command);
            assertThat(r.exit()).as("npm install: " + r.output()).isZero();
        }
        Path sdk = WORK.resolve("node_modules/@serverless-containers/pulumi");
        Files.createDirectories(sdk);
        Files.writeString(sdk.resolve("package.json"), "{\"name\": \"@serverless-containers/pulumi\", \"types\": \"index.d.ts\"}\n");
        Files.writeString(sdk.resolve("index.d.ts"), TypeScriptDeclaration.of(PackageSchemaTest.schema()));
    }

    @Test
    void theExampleTypeChecks() throws Exception {
        Result r = check("example", Files.readString(PackageSchemaTest.repository().resolve("examples/typescript/index.ts")));
        assertThat(r.exit()).as(r.output()).isZero();
    }

    @Test
    void anInlineConfigurationTypeChecks() throws Exception {
        Result r = check("inline", """
                import * as serverlessContainers from "@serverless-containers/pulumi";

                const app = new serverlessContainers.ServerlessContainers("app", {
                    config: {
                        name: "shop",
                        stages: { prod: { params: { greeting: "Welcome" } } },
                        containers: {
                            api: {
                                src: "./api",
                                routing: { pathPattern: "/api/*", pathHealthCheck: "/api/health" },
                                environment: { GREETING: "${param:greeting}", RETRIES: 3 },
                                compute: { type: "awsLambda", awsLambda: { memory: 512, timeout: 10 } },
                            },
                            web: {
                                src: "./web",
                                routing: { pathPattern: "/*", domain: "www.example.com" },
                                compute: {
                                    type: serverlessContainers.types.enums.ComputeType.AwsFargateEcs,
                                    awsFargateEcs: { cpu: 512, memory: 1024, scale: [{ type: "min", min: 1 }, { type: "max", max: 4 },
                                        { type: "target", target: "cpu", value: 70 }] },
                                    awsIam: { customPolicy: { Version: "2012-10-17", Statement: [] } },
                                },
                            },
                        },
                    },
                    stage: "qa",
                    baseImages: { node: "mirror.example.com/node:20-slim" },
                });
                export const apiUrl = app.containers.apply(c => c["api"].url);
                export const lb = app.albDnsName.apply(n => n ?? "no load balancer");
                """);
        assertThat(r.exit()).as(r.output()).isZero();
    }

    @Test
    void aMisnamedInputDoesNotTypeCheck() throws Exception {
        Result r = check("misnamed", """
                import * as serverlessContainers from "@serverless-containers/pulumi";
                new serverlessContainers.ServerlessContainers("app", { configFiles: "serverless.containers.yml" });
                """);
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("configFiles");
    }

    record Result(int exit, String output) {}

    private static Result check(String name, String program) throws Exception {
        Path dir = WORK.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("index.ts"), program);
        Files.copy(PackageSchemaTest.repository().resolve("examples/typescript/tsconfig.json"), dir.resolve("tsconfig.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return run(List.of("node", WORK.resolve("node_modules/typescript/bin/tsc").toString(), "--noEmit", "-p", dir.toString()));
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
