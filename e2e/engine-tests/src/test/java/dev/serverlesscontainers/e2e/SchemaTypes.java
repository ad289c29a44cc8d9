package dev.serverlesscontainers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Stack outputs checked against schema.json, the contract every generated SDK is typed by: the
 * component's outputs a program exports keep their schema types, and each container's outputs carry
 * the required properties of {@code ContainerOutputs} and nothing it does not declare.
 */
final class SchemaTypes {
    private static final String COMPONENT = "serverless-containers:index:ServerlessContainers";
    private static final String CONTAINER_OUTPUTS = "serverless-containers:index:ContainerOutputs";

    private SchemaTypes() {}

    /** {@code outputs}: {@code pulumi stack output --json} of a program that exports the component's outputs by their names. */
    static void assertOutputsMatch(JsonNode outputs) {
        JsonNode schema = schema();
        JsonNode properties = schema.path("resources").path(COMPONENT).path("properties");
        for (Map.Entry<String, JsonNode> output : iterable(outputs)) {
            JsonNode declared = properties.path(output.getKey());
            if (declared.isMissingNode()) {
                continue; // a program's own export
            }
            if (output.getKey().equals("containers")) {
                assertContainers(output.getValue(), schema.path("types").path(CONTAINER_OUTPUTS));
            } else {
                assertType(output.getKey(), output.getValue(), declared);
            }
        }
    }

    private static void assertContainers(JsonNode containers, JsonNode type) {
        assertThat(containers.isObject()).as("containers is an object").isTrue();
        for (Map.Entry<String, JsonNode> container : iterable(containers)) {
            JsonNode value = container.getValue();
            for (JsonNode required : type.path("required")) {
                assertThat(value.has(required.asText())).as("containers.%s.%s (required)", container.getKey(), required.asText()).isTrue();
            }
            for (Map.Entry<String, JsonNode> property : iterable(value)) {
                JsonNode declared = type.path("properties").path(property.getKey());
                assertThat(declared.isMissingNode()).as("containers.%s.%s is declared in schema.json", container.getKey(), property.getKey()).isFalse();
                assertType("containers." + container.getKey() + "." + property.getKey(), property.getValue(), declared);
            }
        }
    }

    private static void assertType(String path, JsonNode value, JsonNode declared) {
        switch (declared.path("type").asText()) {
            case "string" -> assertThat(value.isTextual()).as("%s is a string (got %s)", path, value).isTrue();
            case "integer", "number" -> assertThat(value.isNumber()).as("%s is a number (got %s)", path, value).isTrue();
            case "boolean" -> assertThat(value.isBoolean()).as("%s is a boolean (got %s)", path, value).isTrue();
            case "object" -> assertThat(value.isObject()).as("%s is an object (got %s)", path, value).isTrue();
            case "array" -> assertThat(value.isArray()).as("%s is an array (got %s)", path, value).isTrue();
            default -> { }
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }

    private static JsonNode schema() {
        try {
            return new ObjectMapper().readTree(Workspaces.repository().resolve("schema.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
