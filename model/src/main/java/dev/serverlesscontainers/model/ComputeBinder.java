package dev.serverlesscontainers.model;

import static dev.serverlesscontainers.model.NodeReader.join;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesscontainers.model.Compute.Dimension;
import dev.serverlesscontainers.model.Compute.StepAdjustment;
import dev.serverlesscontainers.model.Compute.StepScaling;
import dev.serverlesscontainers.model.Compute.TargetMetric;
import dev.serverlesscontainers.model.Compute.TargetTracking;
import dev.serverlesscontainers.model.yaml.YNode;
import dev.serverlesscontainers.model.yaml.YNode.YMap;
import dev.serverlesscontainers.model.yaml.YNode.YScalar;
import dev.serverlesscontainers.model.yaml.YNode.YSeq;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Binds {@code compute}: the type, its settings, scaling and IAM. */
final class ComputeBinder {
    static final String ROLE_ARN_PATTERN = "^arn:aws[a-zA-Z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}$";
    private static final List<String> ADJUSTMENT_TYPES = List.of("ChangeInCapacity", "PercentChangeInCapacity", "ExactCapacity");
    private static final List<String> AGGREGATIONS = List.of("Average", "Minimum", "Maximum");
    private static final List<String> COMPARISONS = List.of("GreaterThanOrEqualToThreshold", "GreaterThanThreshold",
            "LessThanThreshold", "LessThanOrEqualToThreshold");
    private static final List<String> SCALE_TYPES = List.of("min", "max", "desired", "target", "step");

    private final NodeReader r;

    ComputeBinder(NodeReader reader) {
        this.r = reader;
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
        return new Bound(bound, iam(c.get("awsIam"), join(path, "awsIam"), containerPath));
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
        return new Compute.Fargate(cpu, memory, scale(m.get().get("scale"), join(path, "scale"), containerPath), spot, executionRole);
    }

    private Compute.Scale scale(YNode node, String path, String containerPath) {
        if (node == null || r.unresolved(node) || NodeReader.isNull(node)) {
            return Compute.Scale.none();
        }
        if (!(node instanceof YSeq seq)) {
            r.problems.error(node, path, "expected a list of scale settings such as {type: target, target: cpu} (got " + node.describe() + ")");
            return Compute.Scale.none();
        }
        Map<String, YNode> single = new LinkedHashMap<>();
        OptionalInt min = OptionalInt.empty();
        OptionalInt max = OptionalInt.empty();
        OptionalInt desired = OptionalInt.empty();
        Map<TargetMetric, YNode> targetNodes = new EnumMap<>(TargetMetric.class);
        List<TargetTracking> targets = new ArrayList<>();
        List<StepScaling> steps = new ArrayList<>();
        YNode firstStep = null;
        for (int i = 0; i < seq.items().size(); i++) {
            YNode item = seq.items().get(i);
            String p = path + "[" + i + "]";
            if (r.unresolved(item)) {
                continue;
            }
            if (!(item instanceof YMap raw)) {
                r.problems.error(item, p, "expected a scale setting such as {type: max, max: 10} (got " + item.describe() + ")");
                continue;
            }
            Optional<String> type = r.string(raw, "type", p);
            if (type.isEmpty()) {
                r.requireKey(raw, "type", p, "one of " + String.join(", ", SCALE_TYPES));
                continue;
            }
            if (!SCALE_TYPES.contains(type.get())) {
                String hint = Suggestions.closest(type.get(), SCALE_TYPES).map(s -> "; did you mean " + s + "?").orElse("");
                r.problems.error(raw.get("type"), p + ".type", "must be one of " + String.join(", ", SCALE_TYPES) + " (got " + type.get() + ")" + hint);
                continue;
            }
            if (List.of("min", "max", "desired").contains(type.get()) && single.containsKey(type.get())) {
                r.problems.error(item, p, "a second '" + type.get() + "' setting (the first is at line "
                        + single.get(type.get()).location().line() + "); give it once");
                continue;
            }
            single.putIfAbsent(type.get(), item);
            switch (type.get()) {
                case "min" -> min = count(raw, ConfigObject.SCALE_MIN, "min", p, 1, containerPath);
                case "max" -> max = count(raw, ConfigObject.SCALE_MAX, "max", p, 1, containerPath);
                case "desired" -> desired = count(raw, ConfigObject.SCALE_DESIRED, "desired", p, 0, containerPath);
                case "target" -> target(raw, p, containerPath, targetNodes).ifPresent(targets::add);
                case "step" -> {
                    firstStep = firstStep == null ? item : firstStep;
                    step(raw, p, containerPath).ifPresent(steps::add);
                }
                default -> throw new IllegalStateException(type.get());
            }
        }
        boolean policies = !targetNodes.isEmpty() || firstStep != null;
        if (!targetNodes.isEmpty() && firstStep != null) {
            r.problems.error(firstStep, path, "step scaling cannot be combined with target tracking in one service; keep one kind");
        }
        if (min.isPresent() && max.isPresent() && min.getAsInt() > max.getAsInt()) {
            r.problems.error(single.get("min"), path, "min " + min.getAsInt() + " is greater than max " + max.getAsInt());
        }
        if (desired.isPresent()) {
            int d = desired.getAsInt();
            if (min.isPresent() && d < min.getAsInt() || max.isPresent() && d > max.getAsInt()) {
                r.problems.error(single.get("desired"), path, "desired " + d + " is outside min " + min.orElse(0) + " .. max "
                        + (max.isPresent() ? max.getAsInt() : "unbounded"));
            }
        }
        if (!policies) {
            for (String key : List.of("min", "max")) {
                if (single.containsKey(key)) {
                    r.problems.error(single.get(key), path, key + " has no effect without a target or step policy; add "
                            + "{type: target, target: cpu} or use {type: desired, desired: N} for a fixed count");
                }
            }
        } else if (!single.containsKey("max")) {
            YNode policy = targetNodes.isEmpty() ? firstStep : targetNodes.values().iterator().next();
            r.problems.error(policy, path, "an autoscaling policy needs a ceiling: add {type: max, max: N} so scaling is bounded");
        }
        return new Compute.Scale(min, max, desired, targets, steps);
    }

    private OptionalInt count(YMap raw, ConfigObject kind, String key, String path, int minimum, String containerPath) {
        r.object(raw, path, kind, containerPath);
        r.requireKey(raw, key, path, "the task count");
        Optional<Integer> v = r.integerIn(raw, key, path, minimum, 10_000, "");
        return v.map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    private Optional<TargetTracking> target(YMap raw, String path, String containerPath, Map<TargetMetric, YNode> seen) {
        r.object(raw, path, ConfigObject.SCALE_TARGET, containerPath);
        r.requireKey(raw, "target", path, "cpu, memory or albRequestsPerTarget");
        Optional<String> name = r.string(raw, "target", path);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<TargetMetric> metric = Arrays.stream(TargetMetric.values()).filter(m -> m.configName().equals(name.get())).findFirst();
        if (metric.isEmpty()) {
            r.problems.error(raw.get("target"), path + ".target", "must be cpu, memory or albRequestsPerTarget (got " + name.get() + ")");
            return Optional.empty();
        }
        if (seen.containsKey(metric.get())) {
            r.problems.error(raw, path, "a second target policy on " + metric.get() + " (the first is at line "
                    + seen.get(metric.get()).location().line() + "); give one per metric");
            return Optional.empty();
        }
        seen.put(metric.get(), raw);
        long ceiling = metric.get() == TargetMetric.ALB_REQUESTS_PER_TARGET ? 1_000_000 : 100;
        int value = r.integerIn(raw, "value", path, 1, ceiling, metric.get() == TargetMetric.ALB_REQUESTS_PER_TARGET ? " requests" : " percent")
                .orElse(Defaults.TARGET_VALUE);
        boolean scaleIn = r.bool(raw, "scaleIn", path).orElse(true);
        OptionalInt in = r.integerIn(raw, "scaleInCooldown", path, 0, Defaults.COOLDOWN_MAX, " seconds").map(OptionalInt::of).orElse(OptionalInt.empty());
        OptionalInt out = r.integerIn(raw, "scaleOutCooldown", path, 0, Defaults.COOLDOWN_MAX, " seconds").map(OptionalInt::of).orElse(OptionalInt.empty());
        return Optional.of(new TargetTracking(metric.get(), value, scaleIn, in, out));
    }

    private Optional<StepScaling> step(YMap raw, String path, String containerPath) {
        r.object(raw, path, ConfigObject.SCALE_STEP, containerPath);
        for (String key : List.of("adjustmentType", "stepAdjustments", "metricName", "namespace", "threshold", "comparisonOperator")) {
            r.requireKey(raw, key, path, "required for step scaling");
        }
        Optional<String> adjustmentType = oneOf(raw, "adjustmentType", path, ADJUSTMENT_TYPES);
        Optional<String> comparison = oneOf(raw, "comparisonOperator", path, COMPARISONS);
        String aggregation = oneOf(raw, "metricAggregationType", path, AGGREGATIONS).orElse(Defaults.STEP_METRIC_AGGREGATION);
        int cooldown = r.integerIn(raw, "cooldown", path, 0, Defaults.COOLDOWN_MAX, " seconds").orElse(Defaults.STEP_COOLDOWN);
        Optional<String> metricName = r.string(raw, "metricName", path);
        Optional<String> namespace = r.string(raw, "namespace", path);
        Optional<Double> threshold = r.number(raw, "threshold", path);
        List<StepAdjustment> adjustments = adjustments(raw.get("stepAdjustments"), path + ".stepAdjustments", containerPath);
        List<Dimension> dimensions = dimensions(raw.get("dimensions"), path + ".dimensions", containerPath);
        if (adjustmentType.isEmpty() || comparison.isEmpty() || metricName.isEmpty() || namespace.isEmpty()
                || threshold.isEmpty() || adjustments.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StepScaling(adjustmentType.get(), adjustments, cooldown, aggregation, metricName.get(),
                namespace.get(), dimensions, threshold.get(), comparison.get()));
    }

    private Optional<String> oneOf(YMap raw, String key, String path, List<String> allowed) {
        Optional<String> v = r.string(raw, key, path);
        if (v.isPresent() && !allowed.contains(v.get())) {
            String hint = Suggestions.closest(v.get(), allowed).map(s -> "; did you mean " + s + "?").orElse("");
            r.problems.error(raw.get(key), join(path, key), "must be one of " + String.join(", ", allowed) + " (got " + v.get() + ")" + hint);
            return Optional.empty();
        }
        return v;
    }

    private List<StepAdjustment> adjustments(YNode node, String path, String containerPath) {
        if (node == null || r.unresolved(node)) {
            return List.of();
        }
        if (!(node instanceof YSeq seq) || seq.items().isEmpty()) {
            r.problems.error(node, path, "expected a non-empty list of step adjustments (got " + node.describe() + ")");
            return List.of();
        }
        List<StepAdjustment> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            String p = path + "[" + i + "]";
            Optional<YMap> m = r.object(seq.items().get(i), p, ConfigObject.STEP_ADJUSTMENT, containerPath);
            if (m.isEmpty()) {
                continue;
            }
            r.requireKey(m.get(), "scalingAdjustment", p, "how many tasks (or percent) to add or remove");
            Optional<Double> lower = r.number(m.get(), "metricIntervalLowerBound", p);
            Optional<Double> upper = r.number(m.get(), "metricIntervalUpperBound", p);
            Optional<Long> adjustment = r.integer(m.get(), "scalingAdjustment", p);
            if (lower.isEmpty() && upper.isEmpty()) {
                r.problems.error(m.get(), p, "set metricIntervalLowerBound, metricIntervalUpperBound or both");
                continue;
            }
            if (lower.isPresent() && upper.isPresent() && lower.get() >= upper.get()) {
                r.problems.error(m.get(), p, "metricIntervalLowerBound " + lower.get() + " must be below metricIntervalUpperBound " + upper.get());
                continue;
            }
            if (!out.isEmpty()) {
                StepAdjustment prev = out.get(out.size() - 1);
                if (prev.metricIntervalUpperBound().isEmpty() || lower.isEmpty()
                        || !prev.metricIntervalUpperBound().get().equals(lower.get())) {
                    r.problems.error(m.get(), p, "step adjustments must be in ascending order, each starting where the previous one ends"
                            + " (no gap, no overlap): the previous upper bound is "
                            + prev.metricIntervalUpperBound().map(String::valueOf).orElse("unbounded")
                            + ", this lower bound is " + lower.map(String::valueOf).orElse("unbounded"));
                }
            }
            adjustment.ifPresent(a -> out.add(new StepAdjustment(lower, upper, a.intValue())));
        }
        return out;
    }

    private List<Dimension> dimensions(YNode node, String path, String containerPath) {
        if (node == null || r.unresolved(node) || NodeReader.isNull(node)) {
            return List.of();
        }
        if (!(node instanceof YSeq seq)) {
            r.problems.error(node, path, "expected a list of {name, value} (got " + node.describe() + ")");
            return List.of();
        }
        List<Dimension> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            String p = path + "[" + i + "]";
            Optional<YMap> m = r.object(seq.items().get(i), p, ConfigObject.DIMENSION, containerPath);
            if (m.isEmpty()) {
                continue;
            }
            r.requireKey(m.get(), "name", p, "the dimension's name");
            r.requireKey(m.get(), "value", p, "the dimension's value");
            Optional<String> name = r.string(m.get(), "name", p);
            Optional<String> value = r.string(m.get(), "value", p);
            if (name.isPresent() && value.isPresent()) {
                out.add(new Dimension(name.get(), value.get()));
            }
        }
        return out;
    }

    private Optional<IamConfig> iam(YNode node, String path, String containerPath) {
        Optional<YMap> m = r.object(node, path, ConfigObject.IAM, containerPath);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> roleArn = r.string(m.get(), "roleArn", path);
        if (roleArn.isPresent() && !roleArn.get().matches(ROLE_ARN_PATTERN)) {
            r.problems.error(m.get().get("roleArn"), join(path, "roleArn"),
                    "expected an IAM role ARN like arn:aws:iam::123456789012:role/name (got " + roleArn.get() + ")");
            roleArn = Optional.empty();
        }
        Optional<String> policy = policy(m.get().get("customPolicy"), join(path, "customPolicy"));
        if (m.get().get("roleArn") != null && m.get().get("customPolicy") != null) {
            r.problems.error(m.get(), path, "set customPolicy or roleArn, not both: with roleArn the role is used as it is");
        }
        if (policy.isEmpty() && roleArn.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IamConfig(policy, roleArn));
    }

    /** A policy document given as a YAML map or as a JSON string, checked for IAM's basic shape, or as a value known only at deploy. */
    private Optional<String> policy(YNode node, String path) {
        if (node == null || r.unresolved(node) || NodeReader.isNull(node)) {
            return Optional.empty();
        }
        YNode doc = node;
        if (node instanceof YScalar s && s.value() instanceof String json) {
            if (AwsPlaceholder.isWhole(json)) {
                // a whole document known only at deploy (another resource's output): IAM checks it then
                return Optional.of(json);
            }
            try {
                JsonNode parsed = new ObjectMapper().readTree(json);
                Optional<String> problem = policyShape(parsed);
                if (problem.isPresent()) {
                    r.problems.error(node, path, problem.get());
                    return Optional.empty();
                }
                return Optional.of(withVersion(parsed).toString());
            } catch (java.io.IOException e) {
                r.problems.error(node, path, "expected an IAM policy document as a map or as JSON (got text that is not JSON)");
                return Optional.empty();
            }
        }
        if (!(doc instanceof YMap)) {
            r.problems.error(node, path, "expected an IAM policy document with Version and Statement (got " + node.describe() + ")");
            return Optional.empty();
        }
        JsonNode parsed = new ObjectMapper().valueToTree(NodeReader.toPlain(doc));
        Optional<String> problem = policyShape(parsed);
        if (problem.isPresent()) {
            r.problems.error(node, path, problem.get());
            return Optional.empty();
        }
        return Optional.of(withVersion(parsed).toString());
    }

    private static JsonNode withVersion(JsonNode policy) {
        if (policy.has("Version")) {
            return policy;
        }
        com.fasterxml.jackson.databind.node.ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("Version", Defaults.IAM_POLICY_VERSION);
        out.setAll((com.fasterxml.jackson.databind.node.ObjectNode) policy);
        return out;
    }

    private static Optional<String> policyShape(JsonNode policy) {
        if (!policy.isObject()) {
            return Optional.of("expected an IAM policy document (a map with Statement)");
        }
        JsonNode statements = policy.get("Statement");
        if (statements == null) {
            return Optional.of("the policy has no Statement");
        }
        List<JsonNode> list = new ArrayList<>();
        if (statements.isArray()) {
            statements.forEach(list::add);
        } else {
            list.add(statements);
        }
        if (list.isEmpty()) {
            return Optional.of("the policy's Statement list is empty");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String where = "Statement[" + i + "]";
            if (!s.isObject()) {
                return Optional.of(where + " must be a map with Effect, Action and Resource");
            }
            String effect = s.path("Effect").asText("");
            if (!effect.equals("Allow") && !effect.equals("Deny")) {
                return Optional.of(where + ".Effect must be Allow or Deny (got " + (effect.isEmpty() ? "nothing" : effect) + ")");
            }
            if (!s.has("Action") && !s.has("NotAction")) {
                return Optional.of(where + " needs Action (or NotAction)");
            }
            if (!s.has("Resource") && !s.has("NotResource")) {
                return Optional.of(where + " needs Resource (or NotResource)");
            }
        }
        return Optional.empty();
    }
}
