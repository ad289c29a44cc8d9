package dev.serverlesscontainers.components;

import com.pulumi.core.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps whose values are outputs, as one output of the map. */
final class OutputMaps {
    private OutputMaps() {}

    /** One output of the map, keys in their order; known, secret and dependent as its values together. */
    static Output<Map<String, String>> all(Map<String, Output<String>> values) {
        List<String> keys = new ArrayList<>(values.keySet());
        return Output.all(keys.stream().map(values::get).toList()).applyValue(resolved -> {
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                out.put(keys.get(i), resolved.get(i));
            }
            return out;
        });
    }
}
