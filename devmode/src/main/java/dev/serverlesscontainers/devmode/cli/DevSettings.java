package dev.serverlesscontainers.devmode.cli;

import java.time.Duration;
import java.util.Map;

/**
 * How {@code scf-dev dev} runs, from its flags and environment.
 *
 * @param environment scf-dev's own environment: what apps and hooks inherit
 * @param lambdaMaxInstances {@code --lambda-max-instances}
 */
record DevSettings(String host, int proxyPort, int controlPort, boolean debug, Duration startTimeout, String region,
                   Map<String, String> environment, int lambdaMaxInstances) {

    DevSettings(String host, int proxyPort, int controlPort, boolean debug, Duration startTimeout, String region,
                Map<String, String> environment) {
        this(host, proxyPort, controlPort, debug, startTimeout, region, environment,
                dev.serverlesscontainers.devmode.supervisor.SupervisorOptions.LAMBDA_MAX_INSTANCES);
    }

    /** The region reported to Lambda apps: AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1. */
    static String region(Map<String, String> environment) {
        for (String name : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
            String v = environment.get(name);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return dev.serverlesscontainers.devmode.proxy.LambdaFunction.DEFAULT_REGION;
    }
}
