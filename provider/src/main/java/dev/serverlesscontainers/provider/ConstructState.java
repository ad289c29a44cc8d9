package dev.serverlesscontainers.provider;

import com.pulumi.provider.internal.properties.PropertyValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pulumirpc.Provider.ConstructResponse;

/**
 * The component's outputs in the form the caller of {@code Construct} takes: output values (which
 * carry their dependencies) when it says it accepts them, else plain values, unknowns and secrets,
 * with each output's dependencies listed beside it.
 */
final class ConstructState {
    private ConstructState() {}

    static ConstructResponse response(String urn, Map<String, PropertyValue> state, boolean acceptsOutputValues) {
        var response = ConstructResponse.newBuilder().setUrn(urn);
        if (acceptsOutputValues) {
            return response.setState(PropertyValue.marshalProperties(state)).build();
        }
        Map<String, PropertyValue> plain = new LinkedHashMap<>();
        state.forEach((name, value) -> {
            Set<String> dependencies = new LinkedHashSet<>();
            plain.put(name, plain(value, dependencies));
            response.putStateDependencies(name, ConstructResponse.PropertyDependencies.newBuilder().addAllUrns(dependencies).build());
        });
        return response.setState(PropertyValue.marshalProperties(plain)).build();
    }

    private static PropertyValue plain(PropertyValue value, Set<String> dependencies) {
        if (value == null) {
            return PropertyValue.COMPUTED;
        }
        switch (value.getType()) {
            case OUTPUT: {
                var output = value.getOutputValue();
                dependencies.addAll(output.getDependencies());
                return plain(output.getValue(), dependencies);
            }
            case SECRET:
                return PropertyValue.ofSecret(plain(value.getSecretValue(), dependencies));
            case ARRAY: {
                List<PropertyValue> items = new ArrayList<>();
                value.getArrayValue().forEach(v -> items.add(plain(v, dependencies)));
                return PropertyValue.of(items);
            }
            case OBJECT: {
                Map<String, PropertyValue> fields = new LinkedHashMap<>();
                value.getObjectValue().forEach((k, v) -> fields.put(k, plain(v, dependencies)));
                return PropertyValue.of(fields);
            }
            default:
                return value;
        }
    }
}
