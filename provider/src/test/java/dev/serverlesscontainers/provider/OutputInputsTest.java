package dev.serverlesscontainers.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.core.internal.OutputData;
import com.pulumi.resources.Resource;
import dev.serverlesscontainers.components.InvalidConfigurationException;
import dev.serverlesscontainers.components.ServerlessContainersArgs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Other resources' outputs among the inputs, as the engine sends them to a provider that accepts
 * output values: a leaf of config, environment or tags becomes an Output that keeps whether it is
 * known, its secrecy and the resources it depends on; a structural input must still be known.
 */
@Timeout(30)
class OutputInputsTest {
    private static final String OUTPUT_SIGNATURE = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
    private static final String TABLE = "urn:pulumi:dev::shop::aws:dynamodb/table:Table::orders";

    /** An output value on the wire; {@code value} null for one not known yet. */
    private static Map<String, Object> output(Object value, boolean secret, String... dependencies) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(Structs.SIGNATURE_KEY, OUTPUT_SIGNATURE);
        if (value != null) {
            out.put("value", value);
        }
        out.put("secret", secret);
        out.put("dependencies", List.of(dependencies));
        return out;
    }

    @Test
    void anOutputInTheInlineConfigKeepsItsDependenciesAndWhetherItIsKnown() {
        ServerlessContainersArgs args = ComponentInputs.decode(ComponentInputsTest.wire(Map.of("config", Map.of(
                "name", output("shop", false),
                "containers", Map.of("api", Map.of("environment", Map.of(
                        "TABLE_NAME", output("orders-1a2b3c", false, TABLE),
                        "BUCKET_ARN", output(null, false))))))), Map.of());

        @SuppressWarnings("unchecked")
        var environment = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) args.config().orElseThrow()
                .get("containers")).get("api")).get("environment");
        assertThat(args.config().orElseThrow().get("name")).as("a known output without dependencies is its value").isEqualTo("shop");
        OutputData<String> table = data(environment.get("TABLE_NAME"));
        assertThat(table.getValueNullable()).isEqualTo("orders-1a2b3c");
        assertThat(table.getResources()).extracting(OutputInputsTest::urn).containsExactly(TABLE);
        assertThat(data(environment.get("BUCKET_ARN")).isKnown()).isFalse();
    }

    @Test
    void anOutputReadByEnvOrGivenAsATagBecomesTheBuildersOutput() {
        ServerlessContainersArgs args = ComponentInputs.decode(ComponentInputsTest.wire(Map.of(
                "configFile", "serverless.containers.yml",
                "environment", Map.of("LOG_LEVEL", "info", "TABLE_NAME", output(null, true, TABLE)),
                "tags", Map.of("team", "shop", "table", output("orders-1a2b3c", false, TABLE)))), Map.of());

        assertThat(args.environment()).containsExactly(Map.entry("LOG_LEVEL", "info"));
        OutputData<String> table = data(args.environmentOutputs().get("TABLE_NAME"));
        assertThat(table.isKnown()).isFalse();
        assertThat(table.isSecret()).isTrue();
        assertThat(args.secret()).as("a secret read by ${env:} may reach any container").isTrue();
        assertThat(args.tags()).containsExactly(Map.entry("team", "shop"));
        assertThat(data(args.tagOutputs().get("table")).getValueNullable()).isEqualTo("orders-1a2b3c");
    }

    @Test
    void anOutputNotKnownYetWhereTheStructureIsDecidedIsNamed() {
        assertThatThrownBy(() -> ComponentInputs.decode(ComponentInputsTest.wire(Map.of(
                "configFile", output(null, false, TABLE))), Map.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ServerlessContainers configFile: is not known yet (it is another resource's output); it decides"
                        + " which resources exist");
    }

    private static OutputData<String> data(Object output) {
        assertThat(output).isInstanceOf(Output.class);
        @SuppressWarnings("unchecked")
        Output<String> typed = (Output<String>) output;
        return Internal.of(typed).getDataAsync().join();
    }

    /** A dependency's URN, as the component's children will list it. */
    private static String urn(Resource resource) {
        return Internal.of(resource.urn()).getValueNullable().join();
    }
}
