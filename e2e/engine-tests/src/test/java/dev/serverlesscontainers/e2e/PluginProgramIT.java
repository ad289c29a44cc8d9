package dev.serverlesscontainers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * An example program in another language than Java, as its README tells users to run it: the package
 * added from this repository ({@code pulumi package add}: the engine starts the plugin from source,
 * the program's language host generates and links the SDK), then the steps of {@link ExampleProgramIT},
 * and a secret passed to the component that stays a secret through all of them. The engine starts the
 * plugin for a preview or an up by the executable at the repository's root (a plugin folder's
 * executable comes before its PulumiPlugin.yaml), which runs the jar the first command built.
 */
abstract class PluginProgramIT extends ExampleProgramIT {
    PluginProgramIT(String example) {
        super(example);
    }

    @Override
    Path layOut(Path workspace) throws IOException {
        Workspaces.copyExample("hello", workspace);
        Path program = Workspaces.copyExample(name, workspace);
        // the example's `packages:` entry points at the repository relatively; `package add` writes it anew
        Path project = program.resolve("Pulumi.yaml");
        String text = Files.readString(project);
        int packages = text.indexOf("# written by `pulumi package add");
        Files.writeString(project, packages < 0 ? text : text.substring(0, packages));
        return program;
    }

    /** As the example's README says: the package added, which also installs a Node.js program's dependencies. */
    @Override
    void install() {
        pulumi.ok("package", "add", Workspaces.repository().toString());
    }

    @Override
    void configureDev() {
        pulumi.ok("config", "set", "--secret", "logLevel", "debug");
    }

    @Test
    @Order(80)
    void aSecretPassedToTheComponentStaysCiphertextInTheState() throws IOException {
        String export = pulumi.ok("stack", "export").stdout();
        JsonNode function = StackExport.resource(JSON.readTree(export), "aws:lambda/function:Function", "hello-dev-api-fn");

        assertThat(StackExport.isSecret(function.path("inputs").path("environment"))).as("the function's environment input is a secret").isTrue();
        assertThat(StackExport.isSecret(function.path("outputs").path("environment"))).as("the function's environment output is a secret").isTrue();
        assertThat(export).doesNotContain("\"LOG_LEVEL\": \"debug\"").doesNotContain("\"LOG_LEVEL\":\"debug\"");
    }
}
