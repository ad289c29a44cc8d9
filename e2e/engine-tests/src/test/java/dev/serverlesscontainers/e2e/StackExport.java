package dev.serverlesscontainers.e2e;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads {@code pulumi stack export}: one resource's state, and whether a value is kept as a secret. */
final class StackExport {
    /** The signature Pulumi's state marks a secret value with. */
    private static final String SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

    private StackExport() {}

    static JsonNode resource(JsonNode export, String type, String name) {
        for (JsonNode resource : export.path("deployment").path("resources")) {
            String urn = resource.path("urn").asText();
            if (resource.path("type").asText().equals(type) && urn.endsWith("::" + name)) {
                return resource;
            }
        }
        throw new AssertionError("no " + type + " named " + name + " in the stack's state");
    }

    static boolean isSecret(JsonNode value) {
        return SECRET_SIGNATURE.equals(value.path("4dabf18193072939515e22adb298388d").asText()) && value.has("ciphertext");
    }
}
