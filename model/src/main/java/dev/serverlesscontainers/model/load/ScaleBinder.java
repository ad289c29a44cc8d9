package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.config.Compute;
import dev.serverlesscontainers.model.config.Defaults;

import static dev.serverlesscontainers.model.load.NodeReader.join;

import dev.serverlesscontainers.model.config.Compute.Dimension;
import dev.serverlesscontainers.model.config.Compute.StepAdjustment;
import dev.serverlesscontainers.model.config.Compute.StepScaling;
import dev.serverlesscontainers.model.config.Compute.TargetMetric;
import dev.serverlesscontainers.model.config.Compute.TargetTracking;
import dev.serverlesscontainers.model.yaml.YNode;
import dev.serverlesscontainers.model.yaml.YNode.YMap;
import dev.serverlesscontainers.model.yaml.YNode.YSeq;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Binds {@code compute.awsFargateEcs.scale}: fixed counts, target tracking and step scaling, with AWS's limits. */
final class ScaleBinder {
    private static final List<String> ADJUSTMENT_TYPES = List.of("ChangeInCapacity", "PercentChangeInCapacity", "ExactCapacity");
    private static final List<String> AGGREGATIONS = List.of("Average", "Minimum", "Maximum");
    private static final List<String> COMPARISONS = List.of("GreaterThanOrEqualToThreshold", "GreaterThanThreshold",
            "LessThanThreshold", "LessThanOrEqualToThreshold");
    private static final List<String> SCALE_TYPES = List.of("min", "max", "desired", "target", "step");

    private final NodeReader r;

    ScaleBinder(NodeReader reader) {
        this.r = reader;
    }

    Compute.Scale bind(YNode node, String path, String containerPath) {
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
}
