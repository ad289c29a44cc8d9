package dev.serverlesscontainers.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The TypeScript declarations of the SDK that {@code pulumi package add} generates from
 * {@code schema.json}, following the rules of Pulumi's Node.js code generator: the component class
 * with {@code pulumi.Output} properties (optional outputs {@code | undefined}), an {@code Args}
 * interface whose properties are {@code pulumi.Input}s, optional unless required, object types as
 * {@code types.input.<Name>Args} and {@code types.output.<Name>}, enums as constant objects with a
 * union type of their values, {@code pulumi.json#/Any} as {@code any}. Written to check the
 * TypeScript example against what the package offers without the Pulumi CLI.
 */
final class TypeScriptDeclaration {
    private final JsonNode schema;
    private final Set<String> enums = new TreeSet<>();

    private TypeScriptDeclaration(JsonNode schema) {
        this.schema = schema;
        schema.get("types").fields().forEachRemaining(t -> {
            if (t.getValue().has("enum")) {
                enums.add(simple(t.getKey()));
            }
        });
    }

    /** The {@code index.d.ts} of the SDK generated for this schema. */
    static String of(JsonNode schema) {
        return new TypeScriptDeclaration(schema).render();
    }

    private String render() {
        StringBuilder b = new StringBuilder("import * as pulumi from \"@pulumi/pulumi\";\n\n");
        JsonNode resource = schema.get("resources").get(ConfigTypes.token("ServerlessContainers"));
        Set<String> required = names(resource.path("required"));
        b.append("export declare class ServerlessContainers extends pulumi.ComponentResource {\n");
        b.append("    static isInstance(obj: any): obj is ServerlessContainers;\n");
        fields(resource.get("properties"), (name, spec) -> b.append("    readonly ").append(name).append(": pulumi.Output<")
                .append(output(spec)).append(required.contains(name) ? "" : " | undefined").append(">;\n"));
        b.append("    constructor(name: string, args?: ServerlessContainersArgs, opts?: pulumi.ComponentResourceOptions);\n}\n\n");
        b.append("export interface ServerlessContainersArgs {\n");
        fields(resource.get("inputProperties"), (name, spec) -> b.append("    ").append(name).append("?: ").append(input(spec)).append(";\n"));
        b.append("}\n\nexport declare namespace types {\n    namespace input {\n");
        objectTypes(b, true);
        b.append("    }\n    namespace output {\n");
        objectTypes(b, false);
        b.append("    }\n    namespace enums {\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.get("types").fields(); it.hasNext();) {
            var t = it.next();
            if (t.getValue().has("enum")) {
                String name = simple(t.getKey());
                b.append("        const ").append(name).append(": {\n");
                t.getValue().get("enum").forEach(v -> b.append("            readonly ").append(v.get("name").asText()).append(": \"")
                        .append(v.get("value").asText()).append("\";\n"));
                b.append("        };\n        type ").append(name).append(" = (typeof ").append(name).append(")[keyof typeof ").append(name)
                        .append("];\n");
            }
        }
        return b.append("    }\n}\n").toString();
    }

    private void objectTypes(StringBuilder b, boolean input) {
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.get("types").fields(); it.hasNext();) {
            var t = it.next();
            if (!t.getValue().path("type").asText().equals("object")) {
                continue;
            }
            Set<String> required = names(t.getValue().path("required"));
            b.append("        interface ").append(simple(t.getKey())).append(input ? "Args" : "").append(" {\n");
            fields(t.getValue().get("properties"), (name, spec) -> b.append("            ").append(name)
                    .append(required.contains(name) ? ": " : "?: ").append(input ? input(spec) : output(spec)).append(";\n"));
            b.append("        }\n");
        }
    }

    private String input(JsonNode spec) {
        if (spec.has("$ref")) {
            String ref = spec.get("$ref").asText();
            return ref.startsWith("pulumi.json#/") ? "any" : "pulumi.Input<" + referenced(spec, true) + ">";
        }
        return switch (spec.path("type").asText()) {
            case "array" -> "pulumi.Input<" + input(spec.get("items")) + "[]>";
            case "object" -> "pulumi.Input<{[key: string]: " + input(spec.get("additionalProperties")) + "}>";
            case "integer", "number" -> "pulumi.Input<number>";
            default -> "pulumi.Input<" + spec.path("type").asText() + ">";
        };
    }

    private String output(JsonNode spec) {
        if (spec.has("$ref")) {
            String ref = spec.get("$ref").asText();
            return ref.startsWith("pulumi.json#/") ? "any" : referenced(spec, false);
        }
        return switch (spec.path("type").asText()) {
            case "array" -> output(spec.get("items")) + "[]";
            case "object" -> "{[key: string]: " + output(spec.get("additionalProperties")) + "}";
            case "integer", "number" -> "number";
            default -> spec.path("type").asText();
        };
    }

    /** An object type ({@code types.input.XArgs} or {@code types.output.X}) or an enum ({@code types.enums.X}). */
    private String referenced(JsonNode spec, boolean input) {
        String name = simple(spec.get("$ref").asText());
        if (enums.contains(name)) {
            return "types.enums." + name;
        }
        return input ? "types.input." + name + "Args" : "types.output." + name;
    }

    private static String simple(String token) {
        return token.substring(token.lastIndexOf(':') + 1);
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new TreeSet<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    private static void fields(JsonNode properties, java.util.function.BiConsumer<String, JsonNode> each) {
        properties.fields().forEachRemaining(e -> each.accept(e.getKey(), e.getValue()));
    }
}
