package dev.serverlesscontainers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * examples/go under the real engine: the Go SDK generated from schema.json, linked by a replace line.
 * Before the package is added from source, the plugin executable at the repository's root (which
 * builds the plugin's jar when it is missing or older than the sources) answers
 * {@code pulumi package get-schema} with schema.json, as the README says.
 */
class GoProgramIT extends PluginProgramIT {
    GoProgramIT() {
        super("go");
    }

    @Override
    void install() {
        String executable = Workspaces.repository().resolve("pulumi-resource-serverless-containers").toString();
        try {
            var printed = (ObjectNode) JSON.readTree(pulumi.ok("package", "get-schema", executable).stdout());
            // the CLI adds the (empty) provider configuration a schema may leave out
            assertThat(printed.remove("config")).as("the provider's configuration").isEmpty();
            assertThat(printed).isEqualTo(JSON.readTree(Workspaces.repository().resolve("schema.json").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        super.install();
    }
}
