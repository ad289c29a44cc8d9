package dev.serverlesscontainers.devmode.cli;

import dev.serverlesscontainers.devmode.debug.DebugPlan;
import java.util.Map;

/**
 * How {@code scf-dev dev} runs: its flags, and what its environment and its file add to them.
 *
 * @param flags the flags, checked
 * @param region the region reported to Lambda apps ({@link #region(Map)} of the environment)
 * @param environment scf-dev's own environment: what apps and hooks inherit
 * @param debugPlan {@code --debug-port} checked against the file's containers: whose debuggers listen, and where
 */
record DevSettings(DevOptions flags, String region, Map<String, String> environment, DebugPlan debugPlan) {

    /** The settings of a run with {@code flags} in {@code environment}, whose file gave {@code debugPlan}. */
    static DevSettings of(DevOptions flags, Map<String, String> environment, DebugPlan debugPlan) {
        return new DevSettings(flags, region(environment), environment, debugPlan);
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
