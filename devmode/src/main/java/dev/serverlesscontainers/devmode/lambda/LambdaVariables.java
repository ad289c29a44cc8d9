package dev.serverlesscontainers.devmode.lambda;

import dev.serverlesscontainers.model.naming.Names;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables Lambda sets in every execution environment (and does not let a function set:
 * they are reserved), with the values the deployed function has, so that an app or its runtime
 * interface client sees locally what it sees on AWS. Listed in the Lambda developer guide,
 * "Defined runtime environment variables".
 */
public final class LambdaVariables {
    private LambdaVariables() {}

    public static final String RUNTIME_API = "AWS_LAMBDA_RUNTIME_API";
    public static final String TASK_ROOT = "LAMBDA_TASK_ROOT";

    /**
     * @param functionName the deployed function's name (the model's naming)
     * @param runtimeApi {@code host:port} of the instance's Runtime API, as the instance reaches it
     */
    public static Map<String, String> of(String functionName, int memoryMb, String region, String runtimeApi) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(RUNTIME_API, runtimeApi);
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(memoryMb));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", Names.lambdaLogGroup(functionName));
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "scf-dev");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        return env;
    }
}
