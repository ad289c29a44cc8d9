package dev.serverlesscontainers.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The example programs are complete Pulumi projects (a stack file per stage, a README with the
 * commands) and use the names the package generates: the Node.js package, the Python module, and
 * the Python SDK's snake_case inputs and outputs.
 */
class ExampleProgramsTest {
    static Path examples() {
        return PackageSchemaTest.repository().resolve("examples");
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "typescript", "python"})
    void eachProgramHasAStackPerStageAndAReadmeWithTheCommands(String language) throws IOException {
        Path program = examples().resolve(language);
        JsonNode project = new YAMLMapper().readTree(program.resolve("Pulumi.yaml").toFile());
        assertThat(project.get("name").asText()).isEqualTo("hello-" + language);
        for (String stage : List.of("dev", "prod")) {
            JsonNode stack = new YAMLMapper().readTree(program.resolve("Pulumi." + stage + ".yaml").toFile());
            assertThat(stack.at("/config/aws:region").asText()).isNotBlank();
        }
        assertThat(Files.readString(program.resolve("README.md"))).contains("Pulumi CLI", "AWS credentials", "Docker", "pulumi stack init dev",
                "pulumi preview", "pulumi up", "Outputs:", "url", "pulumi destroy");
        if (!language.equals("java")) {
            // the package from this repository's source, as `pulumi package add ../..` records it
            Path source = program.resolve(project.at("/packages/serverless-containers").asText()).normalize();
            assertThat(source).isEqualTo(PackageSchemaTest.repository().normalize());
            assertThat(source.resolve("PulumiPlugin.yaml")).exists();
        }
    }

    @Test
    void theTypeScriptProgramImportsTheNodePackage() throws IOException {
        String packageName = PackageSchemaTest.schema().at("/language/nodejs/packageName").asText();
        assertThat(Files.readString(examples().resolve("typescript/index.ts"))).contains("from \"" + packageName + "\"");
        assertThat(Files.readString(examples().resolve("typescript/package.json"))).contains("\"" + packageName + "\": \"file:sdks/serverless-containers\"");
    }

    /** Python itself compiles the program (the Pulumi Python SDK and the generated package cannot be installed here). */
    @Test
    void thePythonProgramCompiles() throws Exception {
        Path program = examples().resolve("python/__main__.py");
        Path out = Files.createTempDirectory("py-compile");
        Process python = new ProcessBuilder("python3", "-c",
                "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)",
                program.toString(), out.resolve("main.pyc").toString())
                .redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(python.waitFor()).as(output).isZero();
    }

    @Test
    void thePythonProgramUsesTheGeneratedNames() throws IOException {
        JsonNode schema = PackageSchemaTest.schema();
        JsonNode resource = schema.get("resources").get(ConfigTypes.token("ServerlessContainers"));
        String program = Files.readString(examples().resolve("python/__main__.py"));
        assertThat(program).contains("import " + schema.at("/language/python/packageName").asText() + " as");

        List<String> inputs = new ArrayList<>();
        resource.get("inputProperties").fieldNames().forEachRemaining(n -> inputs.add(pyName(n)));
        String call = program.substring(program.indexOf("ServerlessContainers("), program.indexOf("\n)\n"));
        Matcher keyword = Pattern.compile("\\n\\s+([a-z_]+)=").matcher(call);
        int used = 0;
        while (keyword.find()) {
            assertThat(inputs).contains(keyword.group(1));
            used++;
        }
        assertThat(used).isGreaterThan(2);

        List<String> outputs = new ArrayList<>();
        resource.get("properties").fieldNames().forEachRemaining(n -> outputs.add(pyName(n)));
        Matcher attribute = Pattern.compile("hello\\.([a-z_]+)").matcher(program);
        while (attribute.find()) {
            assertThat(outputs).contains(attribute.group(1));
        }
    }

    /** Pulumi's Python names: {@code devTrustPrincipalArns} is {@code dev_trust_principal_arns}. */
    static String pyName(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
