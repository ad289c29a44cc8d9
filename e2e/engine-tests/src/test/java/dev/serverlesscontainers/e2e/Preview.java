package dev.serverlesscontainers.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The steps of {@code pulumi preview --json}: what the engine would do to each resource, by type and name. */
record Preview(Map<String, String> operations, JsonNode json) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Preview of(PulumiCli.Result result) {
        try {
            JsonNode root = JSON.readTree(result.stdout());
            var operations = new LinkedHashMap<String, String>();
            for (JsonNode step : root.path("steps")) {
                operations.merge(Urns.typeAndName(step.path("urn").asText()), step.path("op").asText(),
                        (first, second) -> first + "," + second);
            }
            return new Preview(operations, root);
        } catch (IOException e) {
            throw new IllegalStateException("pulumi preview --json printed no JSON:\n" + result.output(), e);
        }
    }

    /** "type  name" of every custom resource the preview would create. */
    Set<String> created() {
        var created = new TreeSet<String>();
        operations.forEach((resource, op) -> {
            if (op.equals("create") && !resource.startsWith("pulumi:pulumi:Stack") && !resource.startsWith("serverless-containers:")) {
                created.add(resource);
            }
        });
        return created;
    }

    /** Every resource the preview would change, with its operation ({@code same} and reads left out). */
    Map<String, String> changes() {
        var changes = new TreeMap<String, String>();
        operations.forEach((resource, op) -> {
            if (!op.equals("same") && !op.equals("read")) {
                changes.put(resource, op);
            }
        });
        return changes;
    }
}
