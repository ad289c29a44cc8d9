package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.config.ComputeType;
import dev.serverlesscontainers.model.config.Defaults;
import dev.serverlesscontainers.model.config.DeploymentConfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The published JSON Schema and the loader accept the same keys, state the same defaults, and agree on the corpus. */
class JsonSchemaTest {
    private static final Path SCHEMA = Path.of("..", ConfigObject.SCHEMA_FILE);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode schema() throws IOException {
        return JSON.readTree(SCHEMA.toFile());
    }

    private static JsonNode definition(JsonNode schema, ConfigObject object) {
        return object == ConfigObject.ROOT ? schema : schema.path("definitions").path(object.schemaDefinition());
    }

    @Test
    void everyObjectOfTheLoaderHasADefinitionWithExactlyItsKeys() throws IOException {
        JsonNode schema = schema();
        for (ConfigObject object : ConfigObject.values()) {
            JsonNode def = definition(schema, object);
            assertThat(def.isMissingNode()).as("definition %s for %s", object.schemaDefinition(), object).isFalse();
            Set<String> keys = new HashSet<>();
            def.path("properties").fieldNames().forEachRemaining(keys::add);
            assertThat(keys).as("keys of %s", object.schemaDefinition()).containsExactlyInAnyOrderElementsOf(object.keys());
            assertThat(def.path("additionalProperties").asBoolean(true)).as("%s rejects unknown keys", object.schemaDefinition()).isFalse();
        }
    }

    @Test
    void everyObjectDefinitionOfTheSchemaIsKnownToTheLoader() throws IOException {
        Set<String> known = new HashSet<>();
        for (ConfigObject object : ConfigObject.values()) {
            known.add(object.schemaDefinition());
        }
        List<String> objectDefinitions = new ArrayList<>();
        schema().path("definitions").fields().forEachRemaining(e -> {
            if (e.getValue().has("properties")) {
                objectDefinitions.add(e.getKey());
            }
        });
        assertThat(known).containsAll(objectDefinitions);
    }

    @Test
    void theSchemaStatesTheLoadersDefaults() throws IOException {
        JsonNode d = schema().path("definitions");
        Map<JsonNode, Object> expected = Map.of(
                d.at("/awsLambda/properties/memory/default"), Defaults.LAMBDA_MEMORY,
                d.at("/awsLambda/properties/timeout/default"), Defaults.LAMBDA_TIMEOUT,
                d.at("/awsFargateEcs/properties/cpu/default"), Defaults.FARGATE_CPU,
                d.at("/awsFargateEcs/properties/memory/default"), Defaults.FARGATE_MEMORY,
                d.at("/scaleTarget/properties/value/default"), Defaults.TARGET_VALUE,
                d.at("/scaleStep/properties/cooldown/default"), Defaults.STEP_COOLDOWN,
                d.at("/awsLambda/properties/memory/anyOf/0/maximum"), Defaults.LAMBDA_MEMORY_MAX,
                d.at("/awsLambda/properties/timeout/anyOf/0/maximum"), Defaults.LAMBDA_TIMEOUT_MAX);
        expected.forEach((node, value) -> assertThat(node.asInt()).isEqualTo(value));
        assertThat(d.at("/scaleStep/properties/metricAggregationType/default").asText()).isEqualTo(Defaults.STEP_METRIC_AGGREGATION);
        assertThat(d.at("/compute/properties/type/default").asText()).isEqualTo(ComputeType.AWS_LAMBDA.configName());
        assertThat(d.at("/awsFargateEcs/properties/spot/default").asBoolean(true)).isEqualTo(Defaults.FARGATE_SPOT);
        assertThat(d.at("/awsFargateEcs/properties/spot/description").asText()).startsWith("Our extension to SCF's format");
        assertThat(d.at("/deployment/properties/type/default").asText()).isEqualTo(DeploymentConfig.AWS_1_0);
        assertThat(d.at("/deploymentAwsLambda/properties/versionsToKeep/default").asInt()).isEqualTo(Defaults.LAMBDA_VERSIONS_TO_KEEP);
        // 0 (keep all), or from the fewest to the most kept: 1 is the one value in between
        JsonNode versionsToKeep = d.at("/deploymentAwsLambda/properties/versionsToKeep/anyOf/0");
        assertThat(versionsToKeep.path("minimum").asInt()).isEqualTo(Defaults.LAMBDA_VERSIONS_KEEP_ALL);
        assertThat(versionsToKeep.at("/not/const").asInt()).isEqualTo(Defaults.LAMBDA_VERSIONS_TO_KEEP_MIN - 1)
                .isEqualTo(Defaults.LAMBDA_VERSIONS_KEEP_ALL + 1);
        assertThat(versionsToKeep.path("maximum").asInt()).isEqualTo(Defaults.LAMBDA_VERSIONS_TO_KEEP_MAX);
        assertThat(d.at("/deploymentAwsFargateEcs/properties/rolloutWatcher/default").asBoolean(false)).isEqualTo(Defaults.FARGATE_ROLLOUT_WATCHER);
        for (String extension : List.of("/deploymentAwsLambda/properties/versionsToKeep", "/deploymentAwsFargateEcs/properties/rolloutWatcher")) {
            assertThat(d.at(extension + "/description").asText()).as(extension).startsWith("Our extension to SCF's format");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyValidConfigPassesTheSchema() throws IOException {
        JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema());
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(ValidConfigTest.corpus("express-lambda").getParent().getParent())) {
            s.filter(p -> p.getFileName().toString().equals(Defaults.CONFIG_FILE_NAME)).sorted().forEach(files::add);
        }
        files.add(Path.of("../examples/hello/serverless.containers.yml"));
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getParent().getFileName().toString(), () -> {
            Set<ValidationMessage> errors = validator.validate(withMergeKeysApplied(YAML.readTree(file.toFile())));
            assertThat(errors).isEmpty();
        }));
    }

    /** Applies YAML merge keys ({@code <<}), as YAML editors do and Jackson's tree reader does not. */
    private static JsonNode withMergeKeysApplied(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            JsonNode merged = object.remove("<<");
            if (merged instanceof com.fasterxml.jackson.databind.node.ObjectNode base) {
                base.fields().forEachRemaining(e -> {
                    if (!object.has(e.getKey())) {
                        object.set(e.getKey(), e.getValue().deepCopy());
                    }
                });
            }
            object.fields().forEachRemaining(e -> withMergeKeysApplied(e.getValue()));
        } else if (node.isArray()) {
            node.forEach(JsonSchemaTest::withMergeKeysApplied);
        }
        return node;
    }

    @Test
    void editorsFlagWhatTheLoaderRejects() throws IOException {
        JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema());
        for (String file : List.of("04-unknown-key-typo.yml", "07-fargate-memory.yml", "08-fargate-cpu.yml", "10-lambda-memory-range.yml",
                "11-wrong-settings-block.yml", "12-compute-type.yml", "13-name-too-short.yml", "16-no-name.yml",
                "18-empty-containers.yml", "19-container-name.yml", "23-path-pattern-no-slash.yml", "25-health-wildcard.yml",
                "40-iam-both.yml", "42-deployment-type.yml", "49-unknown-root-key.yml",
                "59-versions-to-keep-range.yml", "60-rollout-watcher-not-boolean.yml")) {
            JsonNode doc = YAML.readTree(InvalidConfigTest.invalidDir().resolve(file).toFile());
            assertThat(validator.validate(doc)).as(file).isNotEmpty();
        }
    }
}
