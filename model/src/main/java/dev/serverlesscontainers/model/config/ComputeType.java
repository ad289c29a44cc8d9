package dev.serverlesscontainers.model.config;

import java.util.Arrays;
import java.util.Optional;

/** Where a container runs when deployed. */
public enum ComputeType {
    AWS_LAMBDA("awsLambda"),
    AWS_FARGATE_ECS("awsFargateEcs");

    private final String configName;

    ComputeType(String configName) {
        this.configName = configName;
    }

    /** The name used in {@code compute.type}, and in {@code SERVERLESS_COMPUTE_TYPE}. */
    public String configName() {
        return configName;
    }

    public static Optional<ComputeType> fromConfigName(String name) {
        return Arrays.stream(values()).filter(t -> t.configName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return configName;
    }
}
