package dev.serverlesscontainers.devmode.liveconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.serverlesscontainers.devmode.testing.TestProject;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.routing.RoutingTable;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a change of the file comes to, container by container, and what scf-dev says it applied. */
class ConfigDiffTest {
    private static final String YAML = """
            name: diff-test
            containers:
              api:
                src: ./api
                routing: {pathPattern: /api/*, pathHealthCheck: /health}
                environment: {COLOR: blue}
              web:
                src: ./web
                routing: {pathPattern: /*, pathHealthCheck: /}
            """;

    @TempDir
    Path dir;
    private TestProject project;

    @BeforeEach
    void sources() {
        project = TestProject.in(dir).write("api/.keep", "").write("web/.keep", "").write("other/.keep", "");
    }

    private ProjectConfig load(String yaml) {
        return project.config(yaml).load();
    }

    @Test
    void movedLinesAndCommentsAreNoChange() {
        ProjectConfig before = load(YAML);
        ProjectConfig after = load("# the shop\n\n" + YAML.replace("  api:\n", "  # the API\n  api:\n"));
        assertThat(ConfigDiff.between(before, after).isEmpty()).isTrue();
    }

    @Test
    void eachContainerGetsOneLineSayingWhatIsApplied() {
        ProjectConfig before = load(YAML);
        ProjectConfig after = load(YAML.replace("pathPattern: /api/*", "pathPattern: /v2/*").replace("COLOR: blue", "COLOR: green")
                .replace("src: ./web", "src: ./other")
                + "  worker:\n    src: ./other\n    routing: {domain: jobs.example.com, pathPattern: /*, pathHealthCheck: /}\n");
        ConfigDiff diff = ConfigDiff.between(before, after);
        assertThat(diff.describe()).containsExactly(
                "worker  added (jobs.example.com/*)",
                "api  route /api/* -> /v2/*; replaced (environment)",
                "web  replaced (src)");
        assertThat(diff.routingChanged()).isTrue();

        assertThat(ConfigDiff.between(after, before).describe()).containsExactly(
                "api  route /v2/* -> /api/*; replaced (environment)", "web  replaced (src)", "worker  removed");
    }

    @Test
    void eachChangeSaysWhatTheSessionDoesWithItsContainer() {
        ConfigDiff diff = ConfigDiff.between(load(YAML), load(YAML.replace("pathPattern: /api/*", "pathPattern: /v2/*")
                .replace("src: ./web", "src: ./other")
                + "  worker:\n    src: ./other\n    routing: {domain: jobs.example.com, pathPattern: /*, pathHealthCheck: /}\n"));
        assertThat(diff.changes()).extracting(ConfigDiff.Change::container, ConfigDiff.Change::kind).containsExactly(
                tuple("worker", ConfigDiff.Kind.ADDED), tuple("api", ConfigDiff.Kind.CHANGED), tuple("web", ConfigDiff.Kind.CHANGED));
        ConfigDiff.Change api = diff.changes(ConfigDiff.Kind.CHANGED).get(0);
        assertThat(api.rerouted()).isTrue();
        assertThat(api.replaced()).as("a new rule alone needs no new instance").isFalse();
        ConfigDiff.Change web = diff.changes(ConfigDiff.Kind.CHANGED).get(1);
        assertThat(web.rerouted()).isFalse();
        assertThat(web.settings()).containsExactly("src");
        assertThat(web.changesWhatIsWatched()).as("a new src is watched instead of the old").isTrue();
        assertThat(ConfigDiff.between(load(YAML), load(YAML.replace("COLOR: blue", "COLOR: red"))).changes())
                .singleElement().satisfies(c -> assertThat(c.changesWhatIsWatched()).isFalse());
    }

    @Test
    void aNewComputeTypeReplacesTheContainerButKeepsItsRule() {
        ProjectConfig after = load(YAML.replace("src: ./web", "src: ./web\n    compute: {type: awsFargateEcs}"));
        ConfigDiff diff = ConfigDiff.between(load(YAML), after);
        assertThat(diff.describe()).containsExactly("web  replaced (compute)");
        ConfigDiff.Change web = diff.changes().get(0);
        assertThat(web.rerouted()).isFalse();
        assertThat(web.rulesAfter()).as("the rule as the new routing table has it").isEqualTo(RoutingTable.of(after).routesOf("web"));
        assertThat(diff.routingChanged()).as("the routing table names each rule's compute type").isTrue();
    }

    @Test
    void aNewNameReplacesEveryContainerSinceItIsInEachOnesEnvironment() {
        ConfigDiff diff = ConfigDiff.between(load(YAML), load(YAML.replace("name: diff-test", "name: diff-two")));
        assertThat(diff.describe()).containsExactly("api  replaced (name)", "web  replaced (name)");
        assertThat(diff.routingChanged()).isFalse();
    }
}
