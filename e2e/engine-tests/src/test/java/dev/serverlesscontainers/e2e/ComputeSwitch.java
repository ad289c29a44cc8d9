package dev.serverlesscontainers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.e2e.SimulatedAccount.Event;
import java.util.List;

/**
 * A container's switch between Lambda and Fargate, judged from the account's event log: the new
 * compute is created (and, for a service, steady) before the distribution or the routing function
 * changes, and the old compute is deleted only after the distribution stopped using it.
 */
final class ComputeSwitch {
    private static final String DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
    private static final String ROUTING_FUNCTION = "aws:cloudfront/function:Function";

    private ComputeSwitch() {}

    /** examples/hello's configuration with {@code container} moved from awsLambda to Fargate. */
    static String toFargate(String config, String container) {
        int start = config.indexOf("\n  " + container + ":\n");
        int compute = config.indexOf("    compute:\n      type: awsLambda", start);
        int end = config.indexOf("\n\n", compute);
        return config.substring(0, compute)
                + "    compute:\n      type: awsFargateEcs\n      awsFargateEcs:\n        cpu: 256\n        memory: 512"
                + config.substring(end);
    }

    static void assertOrdered(List<Event> events, String container, String newType, String oldType) {
        String infix = "-" + container + "-";
        Event created = SimulatedAccount.last(events, e -> e.type().equals(newType) && e.name().contains(infix)
                        && e.phase().equals("end") && (e.operation().equals("create") || e.operation().equals("replace")))
                .orElseThrow(() -> new AssertionError("no " + newType + " of " + container + " was created:\n" + describe(events)));
        Event deleted = SimulatedAccount.first(events, e -> e.type().equals(oldType) && e.name().contains(infix) && e.is("start", "delete"))
                .orElseThrow(() -> new AssertionError("the old " + oldType + " of " + container + " was not deleted:\n" + describe(events)));
        List<Event> edge = events.stream()
                .filter(e -> e.type().equals(DISTRIBUTION) || e.type().equals(ROUTING_FUNCTION))
                .filter(e -> !e.operation().equals("delete"))
                .toList();
        assertThat(edge).as("the distribution moves the origin").anyMatch(e -> e.type().equals(DISTRIBUTION) && e.is("end", "update"));
        for (Event change : edge) {
            if (change.phase().equals("start")) {
                assertThat(change.seq()).as("%s %s starts after the new %s is ready (seq %d)", change.operation(), change.name(), newType, created.seq())
                        .isGreaterThan(created.seq());
            } else {
                assertThat(change.seq()).as("%s %s ends before the old %s is deleted (seq %d)", change.operation(), change.name(), oldType, deleted.seq())
                        .isLessThan(deleted.seq());
            }
        }
    }

    private static String describe(List<Event> events) {
        var text = new StringBuilder();
        events.forEach(e -> text.append(e.seq()).append(' ').append(e.phase()).append(' ').append(e.operation()).append(' ')
                .append(Urns.typeAndName(e.urn())).append('\n'));
        return text.toString();
    }
}
