package dev.serverlesscontainers.devmode.cli;

import dev.serverlesscontainers.devmode.debug.DebugPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How {@code scf-dev dev} runs, from its flags and environment.
 *
 * @param environment scf-dev's own environment: what apps and hooks inherit
 * @param lambdaMaxInstances {@code --lambda-max-instances}
 * @param logFile {@code --log-file}: where the containers' logs and the request log also go
 * @param debugPlan {@code --debug-port}: the containers whose debuggers listen, and where
 */
record DevSettings(String host, int proxyPort, int controlPort, boolean debug, Duration startTimeout, String region,
                   Map<String, String> environment, int lambdaMaxInstances, Optional<Path> logFile, DebugPlan debugPlan) {

    DevSettings(String host, int proxyPort, int controlPort, boolean debug, Duration startTimeout, String region,
                Map<String, String> environment) {
        this(host, proxyPort, controlPort, debug, startTimeout, region, environment,
                dev.serverlesscontainers.devmode.supervisor.SupervisorOptions.LAMBDA_MAX_INSTANCES, Optional.empty(), DebugPlan.none());
    }

    DevSettings(String host, int proxyPort, int controlPort, boolean debug, Duration startTimeout, String region,
                Map<String, String> environment, int lambdaMaxInstances) {
        this(host, proxyPort, controlPort, debug, startTimeout, region, environment, lambdaMaxInstances, Optional.empty(), DebugPlan.none());
    }

    DevSettings withLogFile(Path file) {
        return new DevSettings(host, proxyPort, controlPort, debug, startTimeout, region, environment, lambdaMaxInstances, Optional.of(file),
                debugPlan);
    }

    DevSettings withDebugPlan(DebugPlan plan) {
        return new DevSettings(host, proxyPort, controlPort, debug, startTimeout, region, environment, lambdaMaxInstances, logFile, plan);
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
