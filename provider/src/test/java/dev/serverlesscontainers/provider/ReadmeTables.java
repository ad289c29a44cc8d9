package dev.serverlesscontainers.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The README's tables of the component's inputs and outputs (and of the object types they name),
 * rendered from {@code schema.json}: the descriptions users read in their IDE, from one place.
 */
final class ReadmeTables {
    static final String BEGIN = "<!-- BEGIN: generated from schema.json by ReadmeTablesTest; do not edit -->";
    static final String END = "<!-- END: generated from schema.json -->";

    private ReadmeTables() {}

    static String render(JsonNode schema) {
        JsonNode resource = schema.get("resources").get(ConfigTypes.token("ServerlessContainers"));
        Set<String> required = new TreeSet<>();
        resource.path("required").forEach(n -> required.add(n.asText()));
        StringBuilder b = new StringBuilder();
        b.append(BEGIN).append('\n');
        table(b, "input", resource.get("inputProperties"), Set.of(), false);
        b.append('\n');
        table(b, "output", resource.get("properties"), required, true);
        for (String type : new String[] {"BaseImages", "ContainerOutputs"}) {
            JsonNode t = schema.get("types").get(ConfigTypes.token(type));
            b.append('\n').append("`").append(type).append("`: ").append(markdown(t.get("description").asText())).append("\n\n");
            Set<String> r = new TreeSet<>();
            t.path("required").forEach(n -> r.add(n.asText()));
            table(b, "property", t.get("properties"), r, !r.isEmpty());
        }
        b.append(END).append('\n');
        return b.toString();
    }

    private static void table(StringBuilder b, String what, JsonNode properties, Set<String> required, boolean markOptional) {
        b.append("| ").append(what).append(" | type | meaning |\n| --- | --- | --- |\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
            var p = it.next();
            String optional = markOptional && !required.contains(p.getKey()) ? " (may be absent)" : "";
            b.append("| `").append(p.getKey()).append("` | ").append(type(p.getValue())).append(optional).append(" | ")
                    .append(markdown(p.getValue().path("description").asText())).append(" |\n");
        }
    }

    /** Table cell text: pipes and angle brackets ({@code <name>}) shown as written. */
    static String markdown(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String type(JsonNode spec) {
        if (spec.has("$ref")) {
            String ref = spec.get("$ref").asText();
            return ref.startsWith("pulumi.json#/") ? "any" : "`" + ref.substring(ref.lastIndexOf(':') + 1) + "`";
        }
        return switch (spec.path("type").asText()) {
            case "array" -> "list of " + type(spec.get("items"));
            case "object" -> "map of " + type(spec.get("additionalProperties"));
            default -> spec.path("type").asText();
        };
    }
}
