package dev.serverlesscontainers.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.core.annotations.Export;
import dev.serverlesscontainers.components.ServerlessContainers;
import dev.serverlesscontainers.components.ServerlessContainersArgs;
import dev.serverlesscontainers.model.image.BaseImages;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code schema.json} describes exactly the component: the inputs {@link ServerlessContainersArgs}
 * accepts (read from its builder), the outputs {@link ServerlessContainers} exports (its
 * {@code @Export} fields), and, for the inline {@code config}, types derived from the file's JSON
 * Schema. After a deliberate change of the file format, regenerate those types with {@value #REGENERATE}.
 */
class PackageSchemaTest {
    static final String UPDATE_PROPERTY = "scf.updateSchema";
    static final String REGENERATE = "mvn -B -pl provider -am test -Dtest=PackageSchemaTest -Dsurefire.failIfNoSpecifiedTests=false"
            + " -Dscf.updateSchema=true";
    static final String RESOURCE = ConfigTypes.token("ServerlessContainers");
    /** Builder methods a program in another language cannot or need not give, and why. */
    static final Map<String, String> JAVA_ONLY = Map.of(
            "workingDirectory", "the plugin runs in the directory the Pulumi program runs in, which is what relative paths mean",
            "secret", "over the wire a secret input arrives marked as one; the plugin sets this for a secret configFile, config, stage or environment",
            "secretPaths", "over the wire a secret input arrives marked as one; the plugin records where it found secrets in config");
    /** Types written by hand (the rest of {@code types} is derived from the file's JSON Schema). */
    static final Set<String> HAND_WRITTEN_TYPES = Set.of(ConfigTypes.token("BaseImages"), ConfigTypes.token("ContainerOutputs"));

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path repository() {
        // surefire runs in the module's folder
        return Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    }

    static JsonNode schema() throws IOException {
        return JSON.readTree(repository().resolve("schema.json").toFile());
    }

    JsonNode resource() throws IOException {
        return schema().get("resources").get(RESOURCE);
    }

    @Test
    void thePackageHasTheComponentAndEverySdkIsNamed() throws IOException {
        JsonNode schema = schema();
        assertThat(schema.get("name").asText()).isEqualTo("serverless-containers");
        assertThat(ServerlessContainers.TYPE).isEqualTo(RESOURCE);
        assertThat(schema.get("resources").size()).isEqualTo(1);
        assertThat(resource().get("isComponent").asBoolean()).isTrue();
        assertThat(schema.get("keywords")).isNotEmpty();
        JsonNode language = schema.get("language");
        assertThat(language.at("/nodejs/packageName").asText()).isNotBlank();
        assertThat(language.at("/python/packageName").asText()).matches("[a-z_]+");
        assertThat(language.at("/java/basePackage").asText()).startsWith("dev.serverlesscontainers");
        assertThat(language.at("/csharp/rootNamespace").asText()).isNotBlank();
        assertThat(language.at("/go/importBasePath").asText()).isNotBlank();
    }

    /**
     * `pulumi package add` of the repository takes the package's version from the schema (a plugin
     * run from source has no other) and refuses to generate an SDK without one.
     */
    @Test
    void theSchemaCarriesThePluginsVersionWhichPulumiPackageAddNeeds() throws IOException {
        assertThat(schema().path("version").asText()).isEqualTo(PackageResources.version());
    }

    @Test
    void theInputsAreWhatTheArgsBuilderAccepts() throws IOException {
        Map<String, Type> builder = new TreeMap<>();
        for (Method m : ServerlessContainersArgs.Builder.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && m.getParameterCount() == 1 && m.getReturnType() == ServerlessContainersArgs.Builder.class) {
                builder.put(m.getName(), m.getGenericParameterTypes()[0]);
            }
        }
        assertThat(builder).containsKeys(JAVA_ONLY.keySet().toArray(String[]::new));
        JAVA_ONLY.keySet().forEach(builder::remove);

        JsonNode inputs = resource().get("inputProperties");
        assertThat(names(inputs)).as("schema inputs vs the builder's methods").containsExactlyInAnyOrderElementsOf(builder.keySet());
        assertThat(names(inputs)).as("the plugin decodes every input").containsExactlyElementsOf(ComponentInputs.NAMES);
        builder.forEach((name, type) -> assertDescribes(inputs.get(name), type));
        // exactly one of configFile and config is required, which a schema cannot say: neither is required
        assertThat(resource().path("requiredInputs").size()).isZero();
    }

    @Test
    void theBaseImagesTypeHasTheRecordsComponents() throws IOException {
        JsonNode type = schema().get("types").get(ConfigTypes.token("BaseImages"));
        List<String> components = Arrays.stream(BaseImages.class.getRecordComponents()).map(RecordComponent::getName).toList();
        assertThat(names(type.get("properties"))).containsExactlyElementsOf(components);
        type.get("properties").forEach(p -> assertThat(p.get("type").asText()).isEqualTo("string"));
    }

    @Test
    void theOutputsAreWhatTheComponentExports() throws IOException {
        Map<String, Type> exports = new LinkedHashMap<>();
        for (Field f : ServerlessContainers.class.getDeclaredFields()) {
            Export export = f.getAnnotation(Export.class);
            if (export != null) {
                exports.put(export.name(), ((ParameterizedType) f.getGenericType()).getActualTypeArguments()[0]);
            }
        }
        JsonNode outputs = resource().get("properties");
        assertThat(names(outputs)).containsExactlyElementsOf(exports.keySet());
        exports.forEach((name, type) -> assertDescribes(outputs.get(name), type));
        // every output is always set, except those of the load balancer and cluster without Fargate containers
        Set<String> fargateOnly = Set.of("albDnsName", "tasksSecurityGroupId", "clusterArn", "clusterName", "albArn", "listenerArn");
        assertThat(names(resource().get("required"))).containsExactlyInAnyOrderElementsOf(
                exports.keySet().stream().filter(n -> !fargateOnly.contains(n)).toList());
    }

    @Test
    void everyPropertyAndTypeIsDocumented() throws IOException {
        JsonNode schema = schema();
        List<String> undocumented = new ArrayList<>();
        resource().get("inputProperties").fields().forEachRemaining(e -> documented(undocumented, "input " + e.getKey(), e.getValue()));
        resource().get("properties").fields().forEachRemaining(e -> documented(undocumented, "output " + e.getKey(), e.getValue()));
        schema.get("types").fields().forEachRemaining(t -> {
            documented(undocumented, t.getKey(), t.getValue());
            t.getValue().path("properties").fields().forEachRemaining(p -> documented(undocumented, t.getKey() + "." + p.getKey(), p.getValue()));
        });
        assertThat(undocumented).as("properties without a description").isEmpty();
    }

    @Test
    void theConfigTypesFollowTheFileSchema() throws IOException {
        JsonNode fileSchema = JSON.readTree(repository().resolve("serverless.containers.schema.json").toFile());
        Map<String, ObjectNode> derived = ConfigTypes.from(fileSchema);
        ObjectNode schema = (ObjectNode) schema();
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.writeString(repository().resolve("schema.json"), PackageSchemaFile.withTypes(schema, derived, HAND_WRITTEN_TYPES));
            schema = (ObjectNode) schema();
        }
        Map<String, JsonNode> committed = new TreeMap<>();
        schema.get("types").fields().forEachRemaining(e -> {
            if (!HAND_WRITTEN_TYPES.contains(e.getKey())) {
                committed.put(e.getKey(), e.getValue());
            }
        });
        assertThat(committed.keySet()).as("config types; regenerate with: " + REGENERATE).containsExactlyElementsOf(derived.keySet());
        derived.forEach((token, type) -> assertThat(committed.get(token)).as(token + "; regenerate with: " + REGENERATE).isEqualTo(type));
        assertThat(resource().at("/inputProperties/config/$ref").asText()).isEqualTo("#/types/" + ConfigTypes.token(ConfigTypes.ROOT));
        // the root type has the file's top-level keys
        List<String> topLevel = names(fileSchema.get("properties"));
        assertThat(names(schema.get("types").get(ConfigTypes.token(ConfigTypes.ROOT)).get("properties"))).containsExactlyElementsOf(topLevel);
    }

    @Test
    void everyReferenceResolves() throws IOException {
        JsonNode schema = schema();
        Set<String> refs = new LinkedHashSet<>();
        collectRefs(schema.get("resources"), refs);
        collectRefs(schema.get("types"), refs);
        for (String ref : refs) {
            if (!ref.startsWith("pulumi.json#/")) {
                assertThat(ref).startsWith("#/types/");
                assertThat(schema.get("types").has(ref.substring("#/types/".length()))).as(ref).isTrue();
            }
        }
    }

    private static void collectRefs(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    into.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, into));
        }
    }

    private static void documented(List<String> undocumented, String what, JsonNode spec) {
        if (spec.path("description").asText().isBlank()) {
            undocumented.add(what);
        }
    }

    /** The schema type a Java type is sent as. */
    private static void assertDescribes(JsonNode spec, Type type) {
        if (type == String.class) {
            assertThat(spec.get("type").asText()).isEqualTo("string");
        } else if (type == BaseImages.class) {
            assertThat(spec.get("$ref").asText()).isEqualTo("#/types/" + ConfigTypes.token("BaseImages"));
        } else if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            assertThat(spec.get("type").asText()).isEqualTo("array");
            assertDescribes(spec.get("items"), p.getActualTypeArguments()[0]);
        } else if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
            Type value = p.getActualTypeArguments()[1];
            if (value == Object.class) {
                // the inline configuration: the file's structure
                assertThat(spec.get("$ref").asText()).isEqualTo("#/types/" + ConfigTypes.token(ConfigTypes.ROOT));
            } else if (value instanceof ParameterizedType inner && inner.getRawType() == Map.class) {
                // per container outputs: an object type whose properties are all strings
                assertThat(spec.get("type").asText()).isEqualTo("object");
                String ref = spec.at("/additionalProperties/$ref").asText();
                JsonNode type2;
                try {
                    type2 = schema().get("types").get(ref.substring("#/types/".length()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                type2.get("properties").forEach(prop -> assertThat(prop.get("type").asText()).isEqualTo("string"));
            } else {
                assertThat(spec.get("type").asText()).isEqualTo("object");
                assertDescribes(spec.get("additionalProperties"), value);
            }
        } else {
            throw new AssertionError("no schema mapping for " + type + "; describe it in schema.json and here");
        }
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> names.add(n.asText()));
        } else {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }
}
