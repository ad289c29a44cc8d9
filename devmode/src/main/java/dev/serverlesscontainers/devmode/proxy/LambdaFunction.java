package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.model.config.Compute;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.naming.Names;
import dev.serverlesscontainers.model.naming.ResourceKind;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the proxy needs to know of an {@code awsLambda} container to answer as its function URL would.
 *
 * @param functionName the deployed function's name, for {@code x-amzn-lambda-context}
 * @param timeout {@code compute.awsLambda.timeout}; an invocation that runs longer fails
 * @param streaming {@code compute.awsLambda.streaming}: a handler's streamed response reaches the client as it comes
 */
public record LambdaFunction(String functionName, int memoryMb, Duration timeout, String region, boolean streaming) {

    /** The region reported to apps when none is configured; there is no AWS locally. */
    public static final String DEFAULT_REGION = "us-east-1";

    public static LambdaFunction defaults(String container) {
        Compute.Lambda d = Compute.Lambda.defaults();
        return new LambdaFunction(container, d.memory(), Duration.ofSeconds(d.timeout()), DEFAULT_REGION, false);
    }

    /** Every Lambda container of a project, by container name. */
    public static Map<String, LambdaFunction> of(ProjectConfig project, String region) {
        Names names = Names.of(project);
        Map<String, LambdaFunction> out = new LinkedHashMap<>();
        for (ContainerConfig c : project.containers().values()) {
            if (c.compute() instanceof Compute.Lambda l) {
                out.put(c.name(), new LambdaFunction(names.container(c.name(), ResourceKind.LAMBDA_FUNCTION), l.memory(),
                        Duration.ofSeconds(l.timeout()), region, l.streaming()));
            }
        }
        return out;
    }

    /** The function's ARN in the local stand-in account. */
    public String arn() {
        return "arn:aws:lambda:" + region + ":" + LambdaContextHeaders.LOCAL_ACCOUNT + ":function:" + functionName;
    }
}
