package dev.serverlesscontainers.model.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.model.config.ComputeType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What deploys rely on: a rule keeps its priority whatever else changes in the file (an in-place
 * update then never races a new rule for a number), and no two rules share one.
 */
class ListenerRulesTest {

    /** Each container's path is more specific than the one before, so every addition changes the table's order. */
    private static Map<String, Integer> priorities(List<String> containers) {
        List<RouteDefinition> defs = new ArrayList<>();
        for (int i = 0; i < containers.size(); i++) {
            defs.add(new RouteDefinition(containers.get(i), Optional.empty(), "/" + "x/".repeat(i) + "*", ComputeType.AWS_FARGATE_ECS));
        }
        return ListenerRules.priorities(RoutingTable.of(defs), new LinkedHashSet<>(containers));
    }

    private static List<String> names(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("c" + i);
        }
        return names;
    }

    @Test
    void addingOrRemovingAContainerMovesNoOtherRule() {
        Map<String, Integer> before = priorities(List.of("web", "api", "admin"));
        Map<String, Integer> added = priorities(List.of("web", "api", "admin", "search"));
        Map<String, Integer> removed = priorities(List.of("web", "admin"));
        assertThat(added).containsAllEntriesOf(before);
        assertThat(before).containsAllEntriesOf(removed);
    }

    @Test
    void reorderingTheContainersInTheFileOrChangingTheirPathsMovesNoRule() {
        List<String> names = names(400);
        Map<String, Integer> written = priorities(names);
        List<String> reversed = new ArrayList<>(names);
        Collections.reverse(reversed);
        // reversed, each container also gets another path pattern and so another rank in the table
        assertThat(priorities(reversed)).isEqualTo(written);
        List<String> shuffled = new ArrayList<>(names);
        Collections.shuffle(shuffled, new java.util.Random(7));
        assertThat(priorities(shuffled)).isEqualTo(written);
    }

    @Test
    void noTwoRulesShareAPriorityAndEveryOneIsInTheLoadBalancersRange() {
        Map<String, Integer> p = priorities(names(400));
        assertThat(p).hasSize(400);
        assertThat(Set.copyOf(p.values())).as("distinct priorities").hasSize(400);
        assertThat(p.values()).allSatisfy(v -> assertThat(v).isBetween(ListenerRules.MIN_PRIORITY, ListenerRules.MAX_PRIORITY));
    }

    @Test
    void onlyTheContainersTheLoadBalancerServesGetAPriority() {
        List<RouteDefinition> defs = List.of(
                new RouteDefinition("web", Optional.empty(), "/*", ComputeType.AWS_FARGATE_ECS),
                new RouteDefinition("fn", Optional.empty(), "/fn/*", ComputeType.AWS_LAMBDA));
        assertThat(ListenerRules.priorities(RoutingTable.of(defs), Set.of("web"))).containsOnlyKeys("web");
    }
}
