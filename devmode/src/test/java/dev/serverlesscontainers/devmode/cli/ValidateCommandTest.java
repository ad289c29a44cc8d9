package dev.serverlesscontainers.devmode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ValidateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        return ScfDev.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
    }

    @Test
    void printsTheResolvedModelOfTheBundledExample() {
        int code = run(Map.of(), "validate", "--config", "../examples/hello/serverless.containers.yml");
        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).contains(
                "hello (stage dev), from ../examples/hello/serverless.containers.yml",
                "resources are named hello-dev-*",
                "  api    awsLambda      memory 512 MB, timeout 10 s",
                "  web    awsFargateEcs  cpu 256, memory 512 MiB, 1..4 tasks, target cpu 70",
                "  /api/*                     -> api    health /api/health",
                "  admin.hello.example.com/*  -> admin  health /health",
                "  /*                         -> web    health /health",
                "  anything else -> 404 Not Found",
                "valid: 3 containers");
    }

    @Test
    void routesArePrintedPathFirstAndARouteNoRequestCanReachIsWarnedAboutWithBothPlaces(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("serverless.containers.yml"), """
                name: shop
                containers:
                  storefront:
                    src: ./app
                    routing:
                      domain: shop.example.com
                      pathPattern: /*
                    compute:
                      type: awsFargateEcs
                  orders:
                    src: ./app
                    routing:
                      pathPattern: /api/orders/*
                  files:
                    src: ./app
                    routing:
                      pathPattern: /files/*
                  text:
                    src: ./app
                    routing:
                      pathPattern: /files/*.txt
                """);
        String file = dir.resolve("serverless.containers.yml").toString();
        assertThat(run(Map.of(), "validate", "--config", file)).isEqualTo(ExitCode.OK);
        String report = out.toString();
        assertThat(report).contains("routes, in the order they are tried (path first, then host, then file order; the first match wins)");
        String routes = report.substring(report.indexOf("routes, in the order"), report.indexOf("anything else"));
        assertThat(routes.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).map(l -> l.substring(0, l.indexOf(' '))).toList())
                .containsExactly("/api/orders/*", "/files/*", "/files/*.txt", "shop.example.com/*");
        assertThat(routes).doesNotContainPattern("\\b10\\b");
        assertThat(report).contains(file + ":18:3 containers.text.routing: no request can reach /files/*.txt: containers.files"
                + " (line 14, column 3) routes /files/*, which matches every such request and comes first");
    }

    @Test
    void aContainerOnFargateSpotSaysSo() {
        assertThat(run(Map.of(), "validate", "--config", "../model/src/test/resources/configs/valid/fargate-spot/serverless.containers.yml"))
                .isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("  worker  awsFargateEcs  cpu 512, memory 1024 MiB, 1 task, on Fargate Spot")
                .contains("  web     awsFargateEcs  cpu 256, memory 512 MiB, 1 task ");
    }

    @Test
    void theStageComesFromTheFlagOrServerlessStage() {
        assertThat(run(Map.of("SERVERLESS_STAGE", "prod"), "validate", "--config", "../examples/hello/serverless.containers.yml"))
                .isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("hello (stage prod)", "resources are named hello-prod-*");
        out.getBuffer().setLength(0);
        assertThat(run(Map.of("SERVERLESS_STAGE", "prod"), "validate", "--stage", "qa", "--config",
                "../examples/hello/serverless.containers.yml")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("hello (stage qa)");
    }

    @Test
    void environmentValuesAreNeverPrinted() {
        run(Map.of("LOG_LEVEL", "s3cr3t-value"), "validate", "--config", "../examples/hello/serverless.containers.yml");
        assertThat(out.toString()).contains("api: environment: GREETING, LOG_LEVEL").doesNotContain("s3cr3t-value");
    }

    @Test
    void anInvalidFileExitsWithTwoAndListsEveryProblem() {
        String file = "../model/src/test/resources/configs/invalid/48-many-problems-at-once.yml";
        int code = run(Map.of(), "validate", "--config", file);
        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).hasSize(6)
                .contains("error: " + file + ":7:20 deployment.type: unknown deployment type (expected aws@1.0; got aws@2.0)")
                .endsWith("5 problems found.");
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
    }

    static Stream<String> invalidCorpus() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../model/src/test/resources/configs/invalid"))) {
            return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                    .map(f -> "../model/src/test/resources/configs/invalid/" + f.getFileName()).sorted().toList().stream();
        }
    }

    /** The whole invalid corpus through the command line: exit 2, every line names the file (and where, when a line is to blame), no stack trace. */
    @ParameterizedTest
    @MethodSource("invalidCorpus")
    void everyInvalidFileOfTheCorpusExitsWithTwoAndOnlyLocatedProblems(String file) {
        int code = run(Map.of(), "validate", "--config", file);
        assertThat(code).as(file).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(out.toString()).isEmpty();
        var lines = err.toString().lines().toList();
        assertThat(lines).as(file).hasSizeGreaterThanOrEqualTo(2);
        assertThat(lines.get(lines.size() - 1)).matches("\\d+ problems? found\\.");
        assertThat(lines.subList(0, lines.size() - 1)).as(file)
                .allSatisfy(line -> assertThat(line).matches("(error|warning): " + java.util.regex.Pattern.quote(file) + "(:\\d+:\\d+)?:? \\S.*"))
                .anySatisfy(line -> assertThat(line).startsWith("error: "));
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aMissingFileIsAnInputError() {
        assertThat(run(Map.of(), "validate", "--config", "nope.yml")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.toString()).startsWith("error: nope.yml: no such file");
    }

    @Test
    void anUnknownFlagIsAnInputErrorWithUsage() {
        assertThat(run(Map.of(), "validate", "--bogus")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.toString()).contains("Unknown option: '--bogus'", "Usage: scf-dev validate");
    }
}
