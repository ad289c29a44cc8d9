package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.routing.RoutingTable;
import java.util.Map;

/** What the proxy routes by: the model's routing table, and the Lambda settings of Lambda containers. */
public record ProxyConfig(RoutingTable routingTable, Map<String, LambdaFunction> lambdaFunctions) {
    public ProxyConfig {
        lambdaFunctions = Map.copyOf(lambdaFunctions);
    }

    public static ProxyConfig of(ProjectConfig project, String region) {
        return new ProxyConfig(RoutingTable.of(project), LambdaFunction.of(project, region));
    }

    /** A table alone: Lambda containers get Lambda's defaults. */
    public static ProxyConfig of(RoutingTable table) {
        return new ProxyConfig(table, Map.of());
    }

    LambdaFunction lambda(String container) {
        LambdaFunction f = lambdaFunctions.get(container);
        return f != null ? f : LambdaFunction.defaults(container);
    }
}
