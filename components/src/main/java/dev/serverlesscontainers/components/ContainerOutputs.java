package dev.serverlesscontainers.components;

import dev.serverlesscontainers.model.naming.StackOutputNames;
import com.pulumi.core.Output;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.routing.Route;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The {@code containers} output: per container where it answers and what runs it. */
final class ContainerOutputs {
    private ContainerOutputs() {}

    /**
     * Where the container answers: its own domain, or the distribution's address (a container without
     * a domain takes any host, and no host rule names CloudFront's), with the literal start of its
     * path pattern ({@code /api/*} gives {@code https://d123.cloudfront.net/api/}).
     */
    static Output<String> url(ContainerConfig c, Output<String> cloudFront) {
        String path = Route.literalPrefix(c.routing().pathPattern());
        return literalDomain(c).map(d -> Output.of("https://" + d + path)).orElseGet(() -> cloudFront.applyValue(b -> b + path));
    }

    /** The deploy's address: the first custom domain when every container has one, else the distribution's. */
    static Output<String> deployUrl(ProjectConfig config, Output<String> cloudFront) {
        boolean allDomains = config.containers().values().stream().allMatch(c -> literalDomain(c).isPresent());
        return allDomains ? Output.of("https://" + literalDomain(config.containers().values().iterator().next()).orElseThrow()) : cloudFront;
    }

    private static Optional<String> literalDomain(ContainerConfig c) {
        return c.routing().domain().filter(d -> !Route.hasWildcard(d));
    }

    static Output<Map<String, String>> lambda(ContainerConfig c, Output<String> url, Output<String> image, LambdaService lambda) {
        return Output.tuple(url, image, lambda.roleArn, lambda.url.functionUrl())
                .applyValue(t -> map(c, t.t1, t.t2, t.t3, StackOutputNames.FUNCTION_URL, t.t4))
                .apply(m -> withResources(m, lambda.roleName, lambda.logGroupName,
                        Map.of("functionName", lambda.function.name(), "functionArn", lambda.function.arn())));
    }

    /** {@code rolledOut}: the service's name once its rollout passed ({@link RolloutWatcher}, {@link RolloutCheck}), so no output reports a failed one. */
    static Output<Map<String, String>> fargate(ContainerConfig c, Output<String> url, Output<String> image, FargateService service,
            Output<String> rolledOut) {
        return Output.tuple(url, image, service.roleArn, rolledOut)
                .applyValue(t -> map(c, t.t1, t.t2, t.t3, StackOutputNames.SERVICE_NAME, t.t4))
                // the AWS provider identifies a service by its ARN
                .apply(m -> withResources(m, service.roleName, service.logGroupName, Map.of("serviceArn", service.service.id())));
    }

    /** The container's values with the names and ARNs of what runs it, for a program to extend (a policy on its role, a log filter). */
    private static Output<Map<String, String>> withResources(Map<String, String> values, Output<String> roleName, Output<String> logGroupName,
            Map<String, Output<String>> compute) {
        Map<String, Output<String>> resources = new LinkedHashMap<>();
        resources.put("roleName", roleName);
        resources.put("logGroupName", logGroupName);
        resources.putAll(new java.util.TreeMap<>(compute));
        return OutputMaps.all(resources).applyValue(resolved -> {
            Map<String, String> m = new LinkedHashMap<>(values);
            m.putAll(resolved);
            return m;
        });
    }

    private static Map<String, String> map(ContainerConfig c, String url, String image, String role, String computeKey, String computeValue) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(StackOutputNames.URL, url);
        m.put(StackOutputNames.COMPUTE_TYPE, c.compute().type().configName());
        m.put(StackOutputNames.IMAGE_URI, image);
        m.put(StackOutputNames.ROLE_ARN, role);
        m.put(computeKey, computeValue);
        return m;
    }
}
