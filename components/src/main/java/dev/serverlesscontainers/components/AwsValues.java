package dev.serverlesscontainers.components;

import com.pulumi.aws.ssm.SsmFunctions;
import com.pulumi.aws.ssm.inputs.GetParameterArgs;
import com.pulumi.core.Output;
import dev.serverlesscontainers.model.config.AwsPlaceholder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The configuration's {@code ${aws:region}}, {@code ${aws:accountId}} and {@code ${ssm:/name}}, and
 * the other resources' outputs the program passed in, as values of the program: the model leaves them
 * as {@link AwsPlaceholder}s in the texts that may hold them (environment, policy documents), and each
 * becomes the output of {@code getRegion}, {@code getCallerIdentity} or {@code ssm.getParameter}, or
 * the output given ({@link ProgramOutputs}), here. SSM values are secrets, and a secret output stays
 * one. A text without placeholders stays a plain value.
 */
final class AwsValues {
    private final DeployContext ctx;
    private final Map<String, Output<String>> parameters = new HashMap<>();

    AwsValues(DeployContext ctx) {
        this.ctx = ctx;
    }

    /** A text with every placeholder replaced by its value. */
    Output<String> text(String text) {
        return text(text, UnaryOperator.identity());
    }

    /**
     * A JSON document with every placeholder (inside a JSON string) replaced by its value, escaped for
     * JSON; a document that is one placeholder (a whole policy given as another resource's output) is
     * that value as it is.
     */
    Output<String> json(String json) {
        return AwsPlaceholder.isWhole(json) ? text(json) : text(json, AwsValues::jsonEscaped);
    }

    /** Each value with its placeholders replaced; keys keep their order. */
    Output<Map<String, String>> map(Map<String, String> values) {
        if (values.values().stream().noneMatch(AwsPlaceholder::isIn)) {
            return Output.of(values);
        }
        Map<String, Output<String>> resolved = new LinkedHashMap<>();
        values.forEach((k, v) -> resolved.put(k, text(v)));
        return OutputMaps.all(resolved);
    }

    private Output<String> text(String text, UnaryOperator<String> escape) {
        if (!AwsPlaceholder.isIn(text)) {
            return Output.of(text);
        }
        List<Output<String>> parts = new ArrayList<>();
        for (Object part : AwsPlaceholder.split(text)) {
            parts.add(part instanceof AwsPlaceholder p ? value(p).applyValue(escape::apply) : Output.of((String) part));
        }
        return Output.all(parts).applyValue(list -> String.join("", list));
    }

    private Output<String> value(AwsPlaceholder p) {
        return switch (p.kind()) {
            case REGION -> ctx.region();
            case ACCOUNT_ID -> ctx.accountId();
            case SSM_PARAMETER -> parameters.computeIfAbsent(p.name(), name -> SsmFunctions.getParameter(GetParameterArgs.builder()
                    .name(name).withDecryption(true).build(), ctx.invokeOptions()).applyValue(r -> r.value()).asSecret());
            case PROGRAM_OUTPUT -> ctx.outputs.get(p);
        };
    }

    private static String jsonEscaped(String value) {
        String quoted = Iam.json(value);
        return quoted.substring(1, quoted.length() - 1);
    }
}
