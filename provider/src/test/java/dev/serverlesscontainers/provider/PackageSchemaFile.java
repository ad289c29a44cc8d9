package dev.serverlesscontainers.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Writes {@code schema.json} the way it is committed: two-space indent, {@code "key": value}, a final newline. */
final class PackageSchemaFile {
    private PackageSchemaFile() {}

    /** The schema with its derived types replaced, hand-written ones kept, all sorted by token. */
    static String withTypes(ObjectNode schema, Map<String, ObjectNode> derived, Set<String> handWritten) {
        Map<String, JsonNode> types = new TreeMap<>(derived);
        schema.get("types").fields().forEachRemaining(e -> {
            if (handWritten.contains(e.getKey())) {
                types.put(e.getKey(), e.getValue());
            }
        });
        ObjectNode t = schema.putObject("types");
        types.forEach(t::set);
        return write(schema);
    }

    static String write(JsonNode node) {
        var printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
                .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        try {
            return new ObjectMapper().writer(printer).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
