package dev.serverlesscontainers.model.routing;

/** What Elastic Load Balancing allows in one listener rule. */
public final class AlbRules {
    private AlbRules() {}

    /** Wildcards ({@code *} and {@code ?}) one rule may hold across all its condition values. */
    public static final int MAX_WILDCARDS_PER_RULE = 5;

    /** The wildcards in a rule's condition values, counted as the load balancer counts them. */
    public static int wildcards(Iterable<String> conditionValues) {
        int n = 0;
        for (String v : conditionValues) {
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '*' || c == '?') {
                    n++;
                }
            }
        }
        return n;
    }
}
