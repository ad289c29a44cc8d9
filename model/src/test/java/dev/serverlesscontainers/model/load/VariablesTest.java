package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.config.Compute;
import dev.serverlesscontainers.model.config.ProjectConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariablesTest {
    @TempDir
    Path dir;

    private ProjectConfig load(String containerExtras, Map<String, String> env) throws Exception {
        Files.createDirectories(dir.resolve("app"));
        String yaml = """
                name: vars
                stages:
                  default:
                    params:
                      mem: 2048
                      region: eu-west-1
                      nested: ${param:region}-x
                containers:
                  api:
                    src: ./app
                    routing:
                      pathPattern: /*
                      pathHealthCheck: /health
                """ + containerExtras;
        Path file = dir.resolve("serverless.containers.yml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, "dev", env);
    }

    @Test
    void aWholeValueVariableKeepsTheTypeOfWhatItNames() throws Exception {
        ProjectConfig c = load("""
                    compute:
                      awsLambda:
                        memory: ${param:mem}
                        timeout: ${env:TIMEOUT, 20}
                """, Map.of());
        assertThat(c.containers().get("api").compute()).isEqualTo(new Compute.Lambda(2048, 20, false));
    }

    @Test
    void defaultsMayBeQuotedOrNestedAndAreOnlyUsedWhenNeeded() throws Exception {
        ProjectConfig c = load("""
                    environment:
                      A: ${env:NOPE, 'with, comma'}
                      B: ${env:NOPE, "double"}
                      C: ${env:NOPE, ${env:ALSO_NOPE, ${param:nested}}}
                      D: prefix-${env:SET, unused}-suffix
                      E: ${env:SET, ${env:MISSING_BUT_NOT_NEEDED}}
                """, Map.of("SET", "set"));
        assertThat(c.containers().get("api").environment()).containsExactly(
                Map.entry("A", "with, comma"), Map.entry("B", "double"), Map.entry("C", "eu-west-1-x"),
                Map.entry("D", "prefix-set-suffix"), Map.entry("E", "set"));
    }

    @Test
    void selfCanReferToAMap() throws Exception {
        ProjectConfig c = load("""
                    environment:
                      CONFIG: ${self:containers.api.routing}
                """, Map.of());
        assertThat(c.containers().get("api").environment().get("CONFIG"))
                .isEqualTo("{\"pathPattern\":\"/*\",\"pathHealthCheck\":\"/health\"}");
    }

    @Test
    void aMapCannotBePlacedInsideALongerString() throws Exception {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load("""
                    environment:
                      BAD: x-${self:containers.api.routing}
                """, Map.of()));
        assertThat(e.errors()).extracting(Problem::message).containsExactly(
                "${self:containers.api.routing} is a map; only a text, number or boolean can be placed inside a longer string");
    }
}
