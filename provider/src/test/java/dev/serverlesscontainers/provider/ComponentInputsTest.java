package dev.serverlesscontainers.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulumi.provider.internal.properties.PropertyValue;
import dev.serverlesscontainers.components.InvalidConfigurationException;
import dev.serverlesscontainers.components.ServerlessContainersArgs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The inputs a program in another language sends, as the component receives them. */
class ComponentInputsTest {
    static final Map<String, String> ENV = Map.of("SCF_BASE_IMAGE_PYTHON", "mirror.example.com/python:3.12");

    static Map<String, PropertyValue> wire(Map<String, Object> inputs) {
        return PropertyValue.unmarshalProperties(Structs.struct(inputs));
    }

    @Test
    void everyInputArrivesAsTheBuilderWouldSetIt() {
        ServerlessContainersArgs args = ComponentInputs.decode(wire(Map.of(
                "configFile", "app/serverless.containers.yml",
                "stage", "qa",
                "productionStages", List.of("live"),
                "devTrustPrincipalArns", List.of("arn:aws:iam::123456789012:user/alice"),
                "tags", Map.of("team", "web"),
                "hostedZones", List.of("example.com"),
                "baseImages", Map.of("node", "mirror.example.com/node:20"))), ENV);
        assertThat(args.configFile()).hasValue("app/serverless.containers.yml");
        assertThat(args.stage()).hasValue("qa");
        assertThat(args.productionStages()).containsExactly("live");
        assertThat(args.devTrustPrincipalArns()).containsExactly("arn:aws:iam::123456789012:user/alice");
        assertThat(args.tags()).containsExactly(Map.entry("team", "web"));
        assertThat(args.hostedZones()).containsExactly("example.com");
        assertThat(args.environment()).isEqualTo(ENV);
        // the ones not given come from the environment, then the defaults
        assertThat(args.baseImages()).hasValueSatisfying(b -> {
            assertThat(b.node()).isEqualTo("mirror.example.com/node:20");
            assertThat(b.python()).isEqualTo("mirror.example.com/python:3.12");
            assertThat(b.java()).isEqualTo("eclipse-temurin:21-jre");
        });
    }

    @Test
    void anInlineConfigHasWholeNumbersSortedKeysAndItsSecretsPaths() {
        Map<String, Object> secret = Map.of(Structs.SIGNATURE_KEY, Structs.SECRET_SIGNATURE, "value", "s3cr3t");
        ServerlessContainersArgs args = ComponentInputs.decode(wire(Map.of("config", Map.of(
                "name", "shop",
                "containers", Map.of("web", Map.of("compute", Map.of("awsFargateEcs", Map.of("cpu", 512, "memory", 1024))),
                        "api", Map.of("environment", Map.of("TOKEN", secret, "RATIO", 0.5)))))), Map.of());
        Map<String, Object> config = args.config().orElseThrow();
        assertThat(config.keySet()).containsExactly("containers", "name");
        @SuppressWarnings("unchecked")
        Map<String, Object> containers = (Map<String, Object>) config.get("containers");
        assertThat(containers.keySet()).containsExactly("api", "web");
        assertThat(containers.toString()).contains("cpu=512,").contains("memory=1024}").contains("TOKEN=s3cr3t").contains("RATIO=0.5");
        assertThat(args.environment()).isEmpty();
        // the model reads the value; the component stores what carries it as a secret
        assertThat(args.secretPaths()).containsExactly("containers.api.environment.TOKEN");
        assertThat(args.secret()).isFalse();
        assertThat(args.isSecretFor("api")).isTrue();
        assertThat(args.isSecretFor("web")).isFalse();
    }

    @Test
    void aSecretStageOrConfigFileMakesEveryContainerSecret() {
        Map<String, Object> stage = Map.of(Structs.SIGNATURE_KEY, Structs.SECRET_SIGNATURE, "value", "qa");
        ServerlessContainersArgs args = ComponentInputs.decode(wire(Map.of("configFile", "serverless.containers.yml", "stage", stage,
                "tags", Map.of("team", Map.of(Structs.SIGNATURE_KEY, Structs.SECRET_SIGNATURE, "value", "web")))), Map.of());
        assertThat(args.stage()).hasValue("qa");
        assertThat(args.secret()).isTrue();
        assertThat(args.secretPaths()).isEmpty();
        assertThat(args.isSecretFor("any")).isTrue();

        ServerlessContainersArgs plain = ComponentInputs.decode(wire(Map.of("configFile", "serverless.containers.yml", "stage", "qa")), Map.of());
        assertThat(plain.secret()).isFalse();
        assertThat(plain.isSecretFor("any")).isFalse();
    }

    @Test
    void everyWrongInputIsReportedAtOnceWithItsName() {
        assertThatThrownBy(() -> ComponentInputs.decode(wire(Map.of(
                "configFile", 3,
                "tags", Map.of("team", List.of("a")),
                "productionStages", "prod",
                "configfile", "x",
                "stage", Structs.UNKNOWN)), Map.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("5 problems in the configuration:\n")
                .hasMessageContaining("ServerlessContainers configFile: expected a string, got a number")
                .hasMessageContaining("ServerlessContainers tags.team: expected a string, got a list")
                .hasMessageContaining("ServerlessContainers productionStages: expected a list of strings, got a string")
                .hasMessageContaining("ServerlessContainers configfile: is not an input of ServerlessContainers (expected one of configFile, config,")
                .hasMessageContaining("ServerlessContainers stage: is not known yet");
    }

    @Test
    void theEnginesArgumentsAreItsAddressAndLoggingFlags() {
        assertThat(PluginArguments.parse(new String[] {"--logtostderr", "-v=9", "--tracing", "http://127.0.0.1:1", "127.0.0.1:45678"}).engineAddress())
                .isEqualTo("127.0.0.1:45678");
        assertThat(PluginArguments.parse(new String[] {"127.0.0.1:45678"}).engineAddress()).isEqualTo("127.0.0.1:45678");
        assertThatThrownBy(() -> PluginArguments.parse(new String[] {"--logtostderr"})).hasMessageContaining("got --logtostderr");
        assertThatThrownBy(() -> PluginArguments.parse(new String[] {"a:1", "b:2"})).hasMessageContaining("only argument");
    }
}
