package dev.serverlesscontainers.model.load;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** "Did you mean" for unknown keys and values, and hints for keys written in the wrong place. */
public final class Suggestions {
    private Suggestions() {}

    /** Keys SCF users put in the wrong map, with where they belong ({@code %s} is the container's path). */
    private static final Map<ConfigObject, Map<String, String>> MISPLACED = Map.of(
            ConfigObject.COMPUTE, Map.of(
                    "environment", "environment belongs to the container: %s.environment",
                    "routing", "routing belongs to the container: %s.routing",
                    "memory", "memory belongs to the compute type's settings: %s.compute.awsLambda.memory or %s.compute.awsFargateEcs.memory",
                    "cpu", "cpu belongs to %s.compute.awsFargateEcs.cpu"),
            ConfigObject.CONTAINER, Map.of(
                    "awsIam", "awsIam belongs under compute: %s.compute.awsIam",
                    "type", "the compute type is set with %s.compute.type",
                    "domain", "domain belongs under routing: %s.routing.domain",
                    "pathPattern", "pathPattern belongs under routing: %s.routing.pathPattern",
                    "pathHealthCheck", "pathHealthCheck belongs under routing: %s.routing.pathHealthCheck",
                    "awsLambda", "awsLambda belongs under compute: %s.compute.awsLambda",
                    "awsFargateEcs", "awsFargateEcs belongs under compute: %s.compute.awsFargateEcs"),
            ConfigObject.ROOT, Map.of(
                    "stage", "the stage is not set in the file: pass --stage to scf-dev, or select a Pulumi stack (a stage is a stack)",
                    "region", "the region is not set in the file: use the aws:region stack setting or AWS_REGION",
                    "provider", "there is no provider key; the deployment type is set with deployment.type"));

    /** A hint for an unknown key: where it belongs, or the closest allowed key. */
    static Optional<String> forUnknownKey(ConfigObject object, String key, String containerPath, Collection<String> allowed) {
        String misplaced = MISPLACED.getOrDefault(object, Map.of()).get(key);
        if (misplaced != null) {
            return Optional.of(misplaced.replace("%s", containerPath));
        }
        return closest(key, allowed).map(k -> "did you mean " + k + "?");
    }

    /** The allowed value nearest to {@code given} (edit distance 2 or less, or differing only in case). */
    public static Optional<String> closest(String given, Collection<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(given)) {
                return Optional.of(candidate);
            }
            int d = distance(given.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int limit = given.length() <= 4 ? 1 : 2;
        return bestDistance <= limit ? Optional.ofNullable(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
