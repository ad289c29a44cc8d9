package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.config.Compute;
import dev.serverlesscontainers.model.config.ComputeType;
import dev.serverlesscontainers.model.config.Defaults;
import dev.serverlesscontainers.model.config.FargateSizes;
import dev.serverlesscontainers.model.config.IamConfig;

import static dev.serverlesscontainers.model.load.NodeReader.join;

import dev.serverlesscontainers.model.yaml.YNode;
import dev.serverlesscontainers.model.yaml.YNode.YMap;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Binds {@code compute}: the type and its settings; scaling ({@link ScaleBinder}) and IAM ({@link IamBinder}) are bound apart. */
final class ComputeBinder {
    static final String ROLE_ARN_PATTERN = "^arn:aws[a-zA-Z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}$";

    private final NodeReader r;
    private final ScaleBinder scale;
    private final IamBinder iam;

    ComputeBinder(NodeReader reader) {
        this.r = reader;
        this.scale = new ScaleBinder(reader);
        this.iam = new IamBinder(reader);
    }

    record Bound(Compute compute, Optional<IamConfig> iam) {}

    Bound bind(YNode node, String containerPath) {
        String path = containerPath + ".compute";
        Optional<YMap> compute = r.object(node, path, ConfigObject.COMPUTE, containerPath);
        if (compute.isEmpty()) {
            return new Bound(Compute.Lambda.defaults(), Optional.empty());
        }
        YMap c = compute.get();
        ComputeType type = ComputeType.AWS_LAMBDA;
        Optional<String> typeName = r.string(c, "type", path);
        if (typeName.isPresent()) {
            Optional<ComputeType> t = ComputeType.fromConfigName(typeName.get());
            if (t.isEmpty()) {
                List<String> names = Arrays.stream(ComputeType.values()).map(ComputeType::configName).toList();
                String hint = Suggestions.closest(typeName.get(), names).map(s -> "; did you mean " + s + "?").orElse("");
                r.problems.error(c.get("type"), join(path, "type"), "must be awsLambda or awsFargateEcs (got " + typeName.get() + ")" + hint);
            } else {
                type = t.get();
            }
        }
        String other = type == ComputeType.AWS_LAMBDA ? "awsFargateEcs" : "awsLambda";
        if (c.get(other) != null && !NodeReader.isNull(c.get(other))) {
            r.problems.error(c.entries().get(other).keyLocation(), join(path, other),
                    other + " settings are given but compute.type is " + type + " (remove them, or set type: " + other + ")");
        }
        Compute bound = type == ComputeType.AWS_LAMBDA ? lambda(c.get("awsLambda"), join(path, "awsLambda"), containerPath)
                : fargate(c.get("awsFargateEcs"), join(path, "awsFargateEcs"), containerPath);
        return new Bound(bound, iam.bind(c.get("awsIam"), join(path, "awsIam"), containerPath));
    }

    private Compute.Lambda lambda(YNode node, String path, String containerPath) {
        Optional<YMap> m = r.object(node, path, ConfigObject.LAMBDA, containerPath);
        if (m.isEmpty()) {
            return Compute.Lambda.defaults();
        }
        int memory = r.integerIn(m.get(), "memory", path, Defaults.LAMBDA_MEMORY_MIN, Defaults.LAMBDA_MEMORY_MAX, " MB")
                .orElse(Defaults.LAMBDA_MEMORY);
        int timeout = r.integerIn(m.get(), "timeout", path, Defaults.LAMBDA_TIMEOUT_MIN, Defaults.LAMBDA_TIMEOUT_MAX, " seconds")
                .orElse(Defaults.LAMBDA_TIMEOUT);
        boolean vpc = r.bool(m.get(), "vpc", path).orElse(false);
        boolean streaming = r.bool(m.get(), "streaming", path).orElse(Defaults.LAMBDA_STREAMING);
        return new Compute.Lambda(memory, timeout, vpc, streaming);
    }

    private Compute.Fargate fargate(YNode node, String path, String containerPath) {
        Optional<YMap> m = r.object(node, path, ConfigObject.FARGATE, containerPath);
        if (m.isEmpty()) {
            return new Compute.Fargate(Defaults.FARGATE_CPU, Defaults.FARGATE_MEMORY, Compute.Scale.none());
        }
        int cpu = Defaults.FARGATE_CPU;
        Optional<Long> cpuValue = r.integer(m.get(), "cpu", path);
        boolean cpuValid = true;
        if (cpuValue.isPresent()) {
            if (FargateSizes.CPUS.contains(cpuValue.get().intValue()) && cpuValue.get() == cpuValue.get().intValue()) {
                cpu = cpuValue.get().intValue();
            } else {
                cpuValid = false;
                r.problems.error(m.get().get("cpu"), join(path, "cpu"), cpuValue.get() + " is not a valid Fargate cpu (allowed: "
                        + String.join(", ", FargateSizes.CPUS.stream().map(String::valueOf).toList()) + ")");
            }
        }
        // with no memory given, the smallest that fits the cpu (for the default cpu, the default memory)
        int memory = FargateSizes.memoryFor(cpu).get(0);
        Optional<Long> memoryValue = r.integer(m.get(), "memory", path);
        if (memoryValue.isPresent()) {
            long mem = memoryValue.get();
            if (cpuValid && !FargateSizes.isValid(cpu, (int) mem)) {
                r.problems.error(m.get().get("memory"), join(path, "memory"), mem + " is not a valid memory for cpu " + cpu
                        + " (allowed: " + FargateSizes.describeMemoryFor(cpu) + ")");
            } else {
                memory = (int) mem;
            }
        }
        boolean spot = r.bool(m.get(), "spot", path).orElse(Defaults.FARGATE_SPOT);
        Optional<String> executionRole = r.string(m.get(), "executionRoleArn", path);
        if (executionRole.isPresent() && !executionRole.get().matches(ROLE_ARN_PATTERN)) {
            r.problems.error(m.get().get("executionRoleArn"), join(path, "executionRoleArn"), "expected an IAM role ARN (got "
                    + executionRole.get() + ")");
            executionRole = Optional.empty();
        }
        return new Compute.Fargate(cpu, memory, scale.bind(m.get().get("scale"), join(path, "scale"), containerPath), spot, executionRole);
    }
}
