package dev.serverlesscontainers.components;

import com.pulumi.core.Output;
import dev.serverlesscontainers.model.ContainerConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code containers} output: per container where it answers and what runs it. */
final class ContainerOutputs {
    private ContainerOutputs() {}

    /**
     * Where the container answers: its domain (or the deploy's address) and the literal start of its
     * path pattern ({@code /api/*} gives {@code https://d123.cloudfront.net/api/}).
     */
    static Output<String> url(ContainerConfig c, Output<String> base) {
        String pattern = c.routing().pathPattern();
        int wildcard = pattern.length();
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) == '*' || pattern.charAt(i) == '?') {
                wildcard = i;
                break;
            }
        }
        String path = pattern.substring(0, wildcard);
        return c.routing().domain().filter(d -> !d.startsWith("*."))
                .map(d -> Output.of("https://" + d + path))
                .orElseGet(() -> base.applyValue(b -> b + path));
    }

    static Output<Map<String, String>> lambda(ContainerConfig c, Output<String> url, Output<String> image, LambdaService lambda) {
        return Output.tuple(url, image, lambda.roleArn, lambda.url.functionUrl())
                .applyValue(t -> map(c, t.t1, t.t2, t.t3, "functionUrl", t.t4));
    }

    static Output<Map<String, String>> fargate(ContainerConfig c, Output<String> url, Output<String> image, FargateService service) {
        return Output.tuple(url, image, service.roleArn, service.service.name())
                .applyValue(t -> map(c, t.t1, t.t2, t.t3, "serviceName", t.t4));
    }

    private static Map<String, String> map(ContainerConfig c, String url, String image, String role, String computeKey, String computeValue) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("url", url);
        m.put("computeType", c.compute().type().configName());
        m.put("imageUri", image);
        m.put("roleArn", role);
        m.put(computeKey, computeValue);
        return m;
    }
}
