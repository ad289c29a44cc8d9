package dev.serverlesscontainers.components;

import dev.serverlesscontainers.components.MockAws.Registered;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A human-readable list of what a deploy declares: each resource's type and name, then its inputs one
 * per line. Tags (the same on every resource) are left out; secrets and values drawn at random are
 * shown as what they are; image tags as {@code <content hash>}, so that editing an example's code
 * does not rewrite its listing; the routing function as its table of rules.
 */
final class ResourceListing {
    private ResourceListing() {}

    static String render(String title, List<Registered> resources) {
        List<Registered> sorted = resources.stream()
                .filter(r -> !r.type().equals(ServerlessContainers.TYPE))
                .sorted(Comparator.comparing(Registered::type).thenComparing(Registered::name))
                .toList();
        StringBuilder b = new StringBuilder(title).append('\n');
        b.append("# ").append(sorted.size()).append(" resources. IDs, ARNs and DNS names are the test's stand-ins for AWS's.\n");
        for (Registered r : sorted) {
            b.append('\n').append(r.type()).append("  ").append(r.name()).append('\n');
            r.inputs().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .filter(e -> !e.getKey().equals("tags"))
                    .forEach(e -> value(b, r, e.getKey(), e.getValue()));
        }
        return b.toString();
    }

    private static void value(StringBuilder b, Registered r, String key, Object value) {
        if (value instanceof Map<?, ?> map && map.containsKey(MockAws.SIGNATURE_KEY) && !map.containsKey("value")) {
            b.append("    ").append(key).append(": ").append(packed(map)).append('\n');
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().toString()))
                    .forEach(e -> value(b, r, key + "." + e.getKey(), e.getValue()));
            return;
        }
        if (value instanceof List<?> list && list.stream().anyMatch(v -> v instanceof Map<?, ?>)) {
            for (int i = 0; i < list.size(); i++) {
                value(b, r, key + "[" + i + "]", list.get(i));
            }
            return;
        }
        b.append("    ").append(key).append(": ").append(shown(r, key, value)).append('\n');
    }

    private static String shown(Registered r, String key, Object value) {
        if (r.type().equals("aws:ssm/parameter:Parameter") && key.equals("value")) {
            return "<random, drawn on the first deploy and kept>";
        }
        if (key.equals("registry.password")) {
            return "<secret: the ECR authorization token>";
        }
        if (r.type().equals("aws:cloudfront/function:Function") && key.equals("code")) {
            return value.toString().lines().filter(l -> l.startsWith("var ROUTES")).findFirst().orElse("?")
                    + " (and the matcher, see RoutingFunction)";
        }
        String text = value instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(value);
        return text.replace(MockAws.ORIGIN_SECRET, "<origin secret>")
                .replaceAll(":[0-9a-f]{16}(?=$|[\",@])", ":<content hash>")
                .replace("\n", "\\n");
    }

    /** An asset or archive by what it holds (names and kinds, not contents, which have tests of their own). */
    private static String packed(Map<?, ?> sent) {
        if (sent.get("assets") instanceof Map<?, ?> files) {
            return "archive of " + files.entrySet().stream()
                    .map(e -> e.getKey() + " (" + packed((Map<?, ?>) e.getValue()) + ")").sorted().toList();
        }
        return sent.keySet().stream().map(Object::toString).filter(k -> !k.equals(MockAws.SIGNATURE_KEY)).findFirst().orElse("?");
    }
}
