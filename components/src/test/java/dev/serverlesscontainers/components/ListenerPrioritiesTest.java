package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.model.ComputeType;
import dev.serverlesscontainers.model.routing.RouteDefinition;
import dev.serverlesscontainers.model.routing.RoutingTable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListenerPrioritiesTest {

    private static Map<String, Integer> priorities(List<String> containers) {
        List<RouteDefinition> defs = new ArrayList<>();
        for (int i = 0; i < containers.size(); i++) {
            // ever more specific paths: with rank-based numbers every addition would renumber the rest
            defs.add(new RouteDefinition(containers.get(i), Optional.empty(), "/" + "x/".repeat(i) + "*", ComputeType.AWS_FARGATE_ECS));
        }
        return ListenerPriorities.of(RoutingTable.of(defs), new LinkedHashSet<>(containers));
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
    void prioritiesAreUniqueAndInTheLoadBalancersRangeEvenForManyContainers() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            names.add("c" + i);
        }
        Map<String, Integer> p = priorities(names);
        assertThat(p).hasSize(400);
        assertThat(Set.copyOf(p.values())).hasSize(400);
        assertThat(p.values()).allSatisfy(v -> assertThat(v).isBetween(ListenerPriorities.MIN, ListenerPriorities.MAX));
    }

    @Test
    void theSameContainersAlwaysGetTheSameNumbers() {
        assertThat(priorities(List.of("web", "api"))).isEqualTo(priorities(List.of("web", "api")));
        assertThat(priorities(List.of("web", "api"))).isEqualTo(priorities(List.of("api", "web")));
    }
}
