package dev.serverlesscontainers.model.config;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code compute}: the compute type and that type's settings, defaults applied. */
public sealed interface Compute permits Compute.Lambda, Compute.Fargate {

    ComputeType type();

    /**
     * {@code compute.awsLambda}.
     *
     * @param memory MiB, {@value Defaults#LAMBDA_MEMORY_MIN}–{@value Defaults#LAMBDA_MEMORY_MAX}
     * @param timeout seconds, {@value Defaults#LAMBDA_TIMEOUT_MIN}–{@value Defaults#LAMBDA_TIMEOUT_MAX}
     * @param vpc whether the function is attached to the VPC
     */
    record Lambda(int memory, int timeout, boolean vpc, boolean streaming) implements Compute {
        /** Settings without response streaming (the default). */
        public Lambda(int memory, int timeout, boolean vpc) {
            this(memory, timeout, vpc, Defaults.LAMBDA_STREAMING);
        }

        @Override
        public ComputeType type() {
            return ComputeType.AWS_LAMBDA;
        }

        public static Lambda defaults() {
            return new Lambda(Defaults.LAMBDA_MEMORY, Defaults.LAMBDA_TIMEOUT, false, Defaults.LAMBDA_STREAMING);
        }
    }

    /**
     * {@code compute.awsFargateEcs}.
     *
     * @param cpu CPU units, one of {@link FargateSizes#CPUS}
     * @param memory MiB, valid for {@code cpu} per {@link FargateSizes}
     * @param spot whether tasks run on Fargate Spot ({@code spot}, our extension to SCF's format)
     * @param executionRoleArn {@code executionRoleArn}: an existing ECS task execution role for this
     *     container, over {@code deployment.awsFargateEcs.executionRoleArn}
     */
    record Fargate(int cpu, int memory, Scale scale, boolean spot, Optional<String> executionRoleArn) implements Compute {
        /** On Fargate (not Spot), without a task execution role of its own. */
        public Fargate(int cpu, int memory, Scale scale) {
            this(cpu, memory, scale, Defaults.FARGATE_SPOT, Optional.empty());
        }

        @Override
        public ComputeType type() {
            return ComputeType.AWS_FARGATE_ECS;
        }
    }

    /**
     * {@code compute.awsFargateEcs.scale}, gathered by kind. With no policy, the service runs
     * {@code desired} tasks (default {@value Defaults#FARGATE_DESIRED}).
     */
    record Scale(OptionalInt min, OptionalInt max, OptionalInt desired, List<TargetTracking> targets, List<StepScaling> steps) {
        public Scale {
            targets = List.copyOf(targets);
            steps = List.copyOf(steps);
        }

        public static Scale none() {
            return new Scale(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), List.of(), List.of());
        }

        public boolean autoscales() {
            return !targets.isEmpty() || !steps.isEmpty();
        }

        /** The task count a deploy starts with. */
        public int desiredCount() {
            if (desired.isPresent()) {
                return desired.getAsInt();
            }
            return Math.max(Defaults.FARGATE_DESIRED, min.orElse(Defaults.FARGATE_DESIRED));
        }
    }

    /** The metric a target-tracking policy follows. */
    enum TargetMetric {
        CPU("cpu"), MEMORY("memory"), ALB_REQUESTS_PER_TARGET("albRequestsPerTarget");

        private final String configName;

        TargetMetric(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        @Override
        public String toString() {
            return configName;
        }
    }

    /** {@code {type: target}}: keep a metric's average at {@code value}. Cooldowns in seconds. */
    record TargetTracking(TargetMetric metric, int value, boolean scaleIn, OptionalInt scaleInCooldown, OptionalInt scaleOutCooldown) {}

    /** {@code {type: step}}: CloudWatch alarm-driven step scaling. */
    record StepScaling(
            String adjustmentType,
            List<StepAdjustment> stepAdjustments,
            int cooldown,
            String metricAggregationType,
            String metricName,
            String namespace,
            List<Dimension> dimensions,
            double threshold,
            String comparisonOperator) {
        public StepScaling {
            stepAdjustments = List.copyOf(stepAdjustments);
            dimensions = List.copyOf(dimensions);
        }
    }

    record StepAdjustment(Optional<Double> metricIntervalLowerBound, Optional<Double> metricIntervalUpperBound, int scalingAdjustment) {}

    record Dimension(String name, String value) {}
}
