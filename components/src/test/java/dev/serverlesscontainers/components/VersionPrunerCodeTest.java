package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesscontainers.model.config.Defaults;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pruner's code, exactly as {@link VersionPruner} ships it, run as the Lambda runtime runs a
 * handler, against the Lambda API of moto's server on 127.0.0.1 (the AWS SDK, boto3, speaks real
 * HTTP to it): functions shaped as deploys leave them, with published versions and aliases.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // the first run installs boto3 and moto into the tests' cache
class VersionPrunerCodeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESOURCES = "/version-pruner/";
    private static final long STEP_SECONDS = 60;

    @TempDir
    static Path work;
    private static Path python;
    private static Process moto;
    private static Map<String, String> environment;

    @BeforeAll
    static void startLambdaApi() throws Exception {
        python = PythonTools.venv(RESOURCES + "requirements.txt").resolve("python");
        for (String file : List.of("moto_on_loopback.py", "lambda_fixture.py", "invoke_handler.py")) {
            try (InputStream in = VersionPrunerCodeTest.class.getResourceAsStream(RESOURCES + file)) {
                Files.write(work.resolve(file), in.readAllBytes());
            }
        }
        Files.writeString(work.resolve(VersionPruner.CODE), VersionPruner.code());

        moto = new ProcessBuilder(python.toString(), "moto_on_loopback.py").directory(work.toFile())
                .redirectError(work.resolve("moto.log").toFile()).start();
        var reader = new BufferedReader(new InputStreamReader(moto.getInputStream(), StandardCharsets.UTF_8));
        String port = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).get(STEP_SECONDS, TimeUnit.SECONDS);
        assertThat(port).as("moto's port; its log: " + Files.readString(work.resolve("moto.log"))).matches("\\d+");

        // only what the SDK needs to reach the local API: no credentials or profiles of the host
        environment = new HashMap<>();
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put("HOME", work.toString());
        environment.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + port);
        environment.put("AWS_ACCESS_KEY_ID", "testing");
        environment.put("AWS_SECRET_ACCESS_KEY", "testing");
        environment.put("AWS_DEFAULT_REGION", MockAws.REGION);
    }

    @AfterAll
    static void stopLambdaApi() throws InterruptedException {
        if (moto != null) {
            moto.destroy();
            if (!moto.waitFor(10, TimeUnit.SECONDS)) {
                moto.destroyForcibly();
            }
        }
    }

    @Test
    void keepsTheNewestAndTheAliasedVersionsDeletesTheRestAndASecondRunDeletesNothing() throws Exception {
        fixture("create", "shop-dev-api-fn", "8");
        fixture("alias", "shop-dev-api-fn", "previous", "2");
        fixture("alias", "shop-dev-api-fn", "live", "8");

        JsonNode first = prune("shop-dev-api-fn", 5);
        assertThat(strings(first.path("deleted"))).containsExactly("1", "3");
        assertThat(strings(first.path("kept"))).containsExactly("2", "4", "5", "6", "7", "8");
        assertThat(versions("shop-dev-api-fn")).as("$LATEST is never touched").containsExactly("$LATEST", "2", "4", "5", "6", "7", "8");

        JsonNode second = prune("shop-dev-api-fn", 5);
        assertThat(strings(second.path("deleted"))).isEmpty();
        assertThat(strings(second.path("skipped"))).isEmpty();
        assertThat(versions("shop-dev-api-fn")).containsExactly("$LATEST", "2", "4", "5", "6", "7", "8");
    }

    @Test
    void aVersionAWeightedAliasSendsRequestsToIsKept() throws Exception {
        fixture("create", "shop-dev-admin-fn", "4");
        fixture("weighted", "shop-dev-admin-fn", "live", "4", "1");

        JsonNode result = prune("shop-dev-admin-fn", 1);
        assertThat(strings(result.path("deleted"))).containsExactly("2", "3");
        assertThat(versions("shop-dev-admin-fn")).containsExactly("$LATEST", "1", "4");
    }

    @Test
    void aFunctionWithFewerVersionsThanKeptKeepsThemAll() throws Exception {
        fixture("create", "shop-dev-new-fn", "2");
        assertThat(strings(prune("shop-dev-new-fn", 5).path("deleted"))).isEmpty();
        assertThat(versions("shop-dev-new-fn")).containsExactly("$LATEST", "1", "2");
    }

    @Test
    void aFunctionThatDoesNotExistFailsTheInvocationWithLambdasError() throws Exception {
        PythonTools.Run run = run(List.of("invoke_handler.py", VersionPruner.HANDLER, VersionPruner.event("shop-dev-gone-fn", Defaults.LAMBDA_VERSIONS_TO_KEEP)));
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("ResourceNotFoundException");
    }

    private JsonNode prune(String function, int keep) throws Exception {
        String event = VersionPruner.event(function, keep);
        assertThat(JSON.readTree(event).path("keep").asInt()).isEqualTo(keep);
        JsonNode result = JSON.readTree(ok(List.of("invoke_handler.py", VersionPruner.HANDLER, event)));
        assertThat(result.path("functionName").asText()).isEqualTo(function);
        return result;
    }

    private List<String> versions(String function) throws Exception {
        return strings(JSON.readTree(ok(List.of("lambda_fixture.py", "versions", function))));
    }

    private void fixture(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("lambda_fixture.py"));
        command.addAll(List.of(args));
        ok(command);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private String ok(List<String> args) throws Exception {
        PythonTools.Run run = run(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + " failed:\n" + run.output()).isZero();
        String out = run.output().strip();
        return out.substring(out.lastIndexOf('\n') + 1);
    }

    private PythonTools.Run run(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(python.toString()));
        command.addAll(args);
        return PythonTools.run(command, work, environment, STEP_SECONDS);
    }
}
