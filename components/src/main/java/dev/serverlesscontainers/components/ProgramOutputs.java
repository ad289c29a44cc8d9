package dev.serverlesscontainers.components;

import com.pulumi.core.Output;
import dev.serverlesscontainers.model.config.AwsPlaceholder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Other resources' outputs that one component was given as leaf values (environment values, policy
 * documents or strings in them, stage parameters, what {@code ${env:}} reads): the model stays free of
 * Pulumi, so each output enters it as a placeholder token ({@link AwsPlaceholder#output}) that this
 * component resolves back to the output where it builds a Lambda environment, a task definition or a
 * role policy ({@link AwsValues}). Numbers are per component, so args can be shared.
 */
final class ProgramOutputs {
    private final List<Output<String>> outputs = new ArrayList<>();

    /** The token that stands for {@code output} in the model. */
    String token(Output<?> output) {
        outputs.add(output.applyValue(ProgramOutputs::text));
        return AwsPlaceholder.output(outputs.size() - 1).token();
    }

    Output<String> get(AwsPlaceholder placeholder) {
        return outputs.get(Integer.parseInt(placeholder.name()));
    }

    /** {@code value} (a configuration as maps, lists and scalars) with each {@link Output} in it replaced by its token. */
    Object tokenized(Object value) {
        if (value instanceof Output<?> output) {
            return token(output);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, tokenized(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(this::tokenized).toList();
        }
        return value;
    }

    /** The environment {@code ${env:}} reads: the plain values, and a token for each output. */
    Map<String, String> environment(Map<String, String> plain, Map<String, Output<String>> outputs) {
        Map<String, String> out = new LinkedHashMap<>(plain);
        outputs.forEach((name, output) -> out.put(name, token(output)));
        return out;
    }

    /** A value as the configuration would hold it: text as it is, anything else as JSON (as for environment values). */
    private static String text(Object value) {
        return value == null ? "" : value instanceof String s ? s : Iam.json(value);
    }
}
