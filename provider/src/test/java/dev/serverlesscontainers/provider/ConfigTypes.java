package dev.serverlesscontainers.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The package schema's types for the inline {@code config} input, derived from the JSON Schema of
 * {@code serverless.containers.yml} (which the model's tests keep in step with the loader): one
 * object type per definition, one enum type per string enumeration, variants of a list item (the
 * kinds of {@code scale} policy, of integration) merged into one object type whose {@code type}
 * says which. Numbers the file may also give as {@code ${...}} variables are plain numbers here: a
 * program computes them in its own language.
 */
final class ConfigTypes {
    static final String PACKAGE = "serverless-containers";
    static final String ROOT = "ProjectConfig";

    /** Definition names whose type name is not simply their name capitalised. */
    private static final Map<String, String> TYPE_NAMES = Map.ofEntries(
            Map.entry("awsVpc", "DeploymentAwsVpc"),
            Map.entry("awsLambda", "ComputeAwsLambda"),
            Map.entry("awsFargateEcs", "ComputeAwsFargateEcs"),
            Map.entry("awsIam", "ComputeAwsIam"),
            Map.entry("stepAdjustment", "ScaleStepAdjustment"),
            Map.entry("dimension", "ScaleDimension"));

    /** Descriptions the file's JSON Schema leaves out, by type and property. */
    private static final Map<String, String> MORE_DESCRIPTIONS = Map.ofEntries(
            Map.entry("Scale.adjustmentType", "How scalingAdjustment changes the number of tasks."),
            Map.entry("Scale.dimensions", "The metric's dimensions."),
            Map.entry("Scale.comparisonOperator", "How the metric is compared with the threshold."),
            Map.entry("Scale.metricAggregationType", "How the metric's data points are combined."),
            Map.entry("Scale.min", "The fewest tasks."),
            Map.entry("Scale.max", "The most tasks."),
            Map.entry("Scale.desired", "The tasks to start with."),
            Map.entry("ScaleDimension.name", "The dimension's name."),
            Map.entry("ScaleDimension.value", "The dimension's value."),
            Map.entry("ScaleStepAdjustment.metricIntervalLowerBound", "The step's lower bound, relative to the threshold; none means minus infinity."),
            Map.entry("ScaleStepAdjustment.metricIntervalUpperBound", "The step's upper bound, relative to the threshold; none means infinity."),
            Map.entry("ScaleStepAdjustment.scalingAdjustment", "How much to change the number of tasks by, as adjustmentType says."));

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final JsonNode definitions;
    private final Map<String, ObjectNode> types = new TreeMap<>();

    private ConfigTypes(JsonNode fileSchema) {
        this.definitions = fileSchema.get("definitions");
    }

    /** Token to type spec, for every type the {@code config} input uses, starting at {@value #ROOT}. */
    static Map<String, ObjectNode> from(JsonNode fileSchema) {
        var t = new ConfigTypes(fileSchema);
        t.objectType(ROOT, List.of(fileSchema), fileSchema.path("description").asText());
        return t.types;
    }

    static String token(String name) {
        return PACKAGE + ":index:" + name;
    }

    private static ObjectNode ref(String name) {
        return JSON.objectNode().put("$ref", "#/types/" + token(name));
    }

    /** An object type from one definition, or merged from several variants. */
    private void objectType(String name, List<JsonNode> variants, String description) {
        if (types.containsKey(token(name))) {
            return;
        }
        ObjectNode type = JSON.objectNode();
        types.put(token(name), type); // before the properties: types may refer to each other
        type.put("type", "object");
        type.put("description", description);
        Map<String, List<JsonNode>> properties = new LinkedHashMap<>();
        Map<String, List<String>> kinds = new LinkedHashMap<>();
        Set<String> required = null;
        for (JsonNode variant : variants) {
            String kind = variant.at("/properties/type/const").asText();
            variant.path("properties").fields().forEachRemaining(p -> {
                properties.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(p.getValue());
                kinds.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(kind);
            });
            Set<String> r = new LinkedHashSet<>();
            variant.path("required").forEach(n -> r.add(n.asText()));
            if (required == null) {
                required = r;
            } else {
                required.retainAll(r);
            }
        }
        ObjectNode props = type.putObject("properties");
        properties.forEach((property, specs) -> {
            ObjectNode p = property(name, property, specs, variants.size() > 1);
            if (variants.size() > 1 && kinds.get(property).size() < variants.size()) {
                String applies = "Type " + String.join(", ", kinds.get(property)) + " only.";
                p.put("description", p.path("description").asText("").isEmpty() ? applies : p.get("description").asText() + " " + applies);
            }
            props.set(property, p);
        });
        if (required != null && !required.isEmpty()) {
            ArrayNode r = type.putArray("required");
            required.forEach(r::add);
        }
    }

    private ObjectNode property(String owner, String property, List<JsonNode> specs, boolean merged) {
        JsonNode spec = specs.get(0);
        if (merged && specs.stream().allMatch(s -> s.has("const"))) {
            // the discriminator of merged variants: an enum of their constants
            List<String> values = specs.stream().map(s -> s.get("const").asText()).distinct().toList();
            String enumName = owner + pascal(property);
            enumType(enumName, values, "Which kind of " + owner.toLowerCase(java.util.Locale.ROOT) + " this is.");
            ObjectNode p = ref(enumName);
            p.put("description", "The kind: " + String.join(", ", values) + ". Which other properties apply depends on it.");
            return p;
        }
        ObjectNode p = type(owner, property, spec);
        String description = describe(spec);
        if (description.isEmpty()) {
            description = MORE_DESCRIPTIONS.getOrDefault(owner + "." + property, "");
        }
        if (description.isEmpty() && spec.has("$ref")) {
            description = definitions.path(spec.get("$ref").asText().replace("#/definitions/", "")).path("description").asText("");
        }
        if (!description.isEmpty()) {
            p.put("description", description);
        }
        // No "default" in the package schema: the description says it, and the provider applies it. The
        // TypeScript SDK applies a schema default by wrapping the whole input in an apply, so a config
        // with one output inside (an environment value from another resource) became unknown as a whole
        // in previews, and the provider rightly refused it: defaults under `deployment` did just that
        return p;
    }

    private ObjectNode type(String owner, String property, JsonNode spec) {
        if (spec.has("$ref")) {
            String def = spec.get("$ref").asText().replace("#/definitions/", "");
            if (def.equals("variable")) {
                return JSON.objectNode().put("type", "string");
            }
            String name = typeName(def);
            JsonNode d = definitions.get(def);
            objectType(name, List.of(d), d.path("description").asText());
            return ref(name);
        }
        List<JsonNode> alternatives = new ArrayList<>();
        for (String key : List.of("anyOf", "oneOf")) {
            spec.path(key).forEach(a -> {
                if (!a.path("$ref").asText().equals("#/definitions/variable")) {
                    alternatives.add(a);
                }
            });
        }
        if (!alternatives.isEmpty()) {
            return alternatives(owner, property, spec, alternatives);
        }
        if (spec.has("enum") && spec.path("type").asText().equals("string")) {
            String enumName = owner + pascal(property);
            List<String> values = new ArrayList<>();
            spec.get("enum").forEach(v -> values.add(v.asText()));
            enumType(enumName, values, spec.path("description").asText(MORE_DESCRIPTIONS.getOrDefault(owner + "." + property, "")));
            return ref(enumName);
        }
        String t = spec.path("type").asText();
        switch (t) {
            case "string", "integer", "number", "boolean":
                return JSON.objectNode().put("type", t);
            case "array": {
                ObjectNode a = JSON.objectNode().put("type", "array");
                a.set("items", type(owner, property, spec.get("items")));
                return a;
            }
            case "object": {
                ObjectNode o = JSON.objectNode().put("type", "object");
                JsonNode additional = spec.get("additionalProperties");
                if (additional == null || additional.isBoolean()) {
                    o.set("additionalProperties", JSON.objectNode().put("$ref", "pulumi.json#/Any"));
                } else {
                    o.set("additionalProperties", type(owner, property, additional));
                }
                return o;
            }
            default:
                return JSON.objectNode().put("$ref", "pulumi.json#/Any");
        }
    }

    private ObjectNode alternatives(String owner, String property, JsonNode spec, List<JsonNode> alternatives) {
        if (alternatives.stream().allMatch(a -> a.has("$ref"))) {
            // variants of one thing (scale policies, integrations): one object type that holds them all
            String name = owner.equals("Container") && property.equals("integrations") ? "Integration" : pascal(property);
            List<JsonNode> variants = alternatives.stream().map(a -> definitions.get(a.get("$ref").asText().replace("#/definitions/", ""))).toList();
            objectType(name, variants, "One of these, as its type says: " + String.join(" ", variants.stream()
                    .map(v -> v.at("/properties/type/const").asText() + ": " + v.path("description").asText()).toList()));
            return ref(name);
        }
        if (alternatives.size() == 1) {
            JsonNode only = alternatives.get(0);
            if (only.has("enum")) {
                return JSON.objectNode().put("type", only.get("enum").get(0).isIntegralNumber() ? "integer" : "string");
            }
            return type(owner, property, only);
        }
        if (alternatives.stream().anyMatch(a -> a.path("type").asText().equals("array"))) {
            // one string or a list of them: the list
            return type(owner, property, alternatives.stream().filter(a -> a.path("type").asText().equals("array")).findFirst().orElseThrow());
        }
        return JSON.objectNode().put("$ref", "pulumi.json#/Any");
    }

    private void enumType(String name, List<String> values, String description) {
        if (types.containsKey(token(name))) {
            return;
        }
        ObjectNode type = JSON.objectNode();
        type.put("type", "string");
        type.put("description", description);
        ArrayNode list = type.putArray("enum");
        for (String v : values) {
            list.addObject().put("name", enumMemberName(v)).put("value", v);
        }
        types.put(token(name), type);
    }

    /** The description with the limits the JSON Schema states in keywords: ranges, allowed numbers, list sizes. */
    private static String describe(JsonNode spec) {
        StringBuilder b = new StringBuilder(spec.path("description").asText(""));
        List<JsonNode> forms = new ArrayList<>();
        forms.add(spec);
        spec.path("anyOf").forEach(forms::add);
        for (JsonNode f : forms) {
            if (f.has("minimum") && f.has("maximum")) {
                String except = f.at("/not/const").isNumber() ? ", except " + f.at("/not/const").asText() : "";
                sentence(b, "From " + f.get("minimum").asText() + " to " + f.get("maximum").asText() + except + ".");
            }
            if (f.has("enum") && f.get("enum").get(0).isNumber()) {
                List<String> values = new ArrayList<>();
                f.get("enum").forEach(v -> values.add(v.asText()));
                sentence(b, "One of " + String.join(", ", values) + ".");
            }
        }
        if (spec.has("default") && spec.get("default").isValueNode() && !b.toString().contains("Default:")) {
            sentence(b, "Default: " + spec.get("default").asText() + ".");
        }
        return b.toString();
    }

    private static void sentence(StringBuilder b, String s) {
        if (b.length() > 0) {
            b.append(' ');
        }
        b.append(s);
    }

    private static String typeName(String definition) {
        return TYPE_NAMES.getOrDefault(definition, pascal(definition));
    }

    static String pascal(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A member name every SDK can use: {@code aws@1.0} is {@code Aws_1_0}. */
    static String enumMemberName(String value) {
        String[] parts = value.split("[^A-Za-z0-9]+");
        StringBuilder b = new StringBuilder();
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            if (b.length() > 0 && Character.isDigit(part.charAt(0))) {
                b.append('_');
            }
            b.append(pascal(part));
        }
        return b.toString();
    }

    static String toJson(Object node) {
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
