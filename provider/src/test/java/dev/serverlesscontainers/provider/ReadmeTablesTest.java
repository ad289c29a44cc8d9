package dev.serverlesscontainers.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * README.md's inputs and outputs tables are what schema.json says. After changing the schema,
 * regenerate them with {@value #REGENERATE}.
 */
class ReadmeTablesTest {
    static final String UPDATE_PROPERTY = "scf.updateReadme";
    static final String REGENERATE = "mvn -B -pl provider -am test -Dtest=ReadmeTablesTest -Dsurefire.failIfNoSpecifiedTests=false"
            + " -Dscf.updateReadme=true";

    @Test
    void theReadmesTablesAreRenderedFromTheSchema() throws IOException {
        Path readme = PackageSchemaTest.repository().resolve("README.md");
        String text = Files.readString(readme);
        int begin = text.indexOf(ReadmeTables.BEGIN);
        int end = text.indexOf(ReadmeTables.END);
        assertThat(begin).as("README.md has the markers " + ReadmeTables.BEGIN + " ... " + ReadmeTables.END).isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String committed = text.substring(begin, end + ReadmeTables.END.length() + 1);
        String rendered = ReadmeTables.render(PackageSchemaTest.schema());
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.writeString(readme, text.replace(committed, rendered));
            committed = rendered;
        }
        assertThat(committed).as("README.md's tables are out of date; regenerate with: " + REGENERATE).isEqualTo(rendered);
        assertThat(rendered).contains("| `configFile` | string |").contains("| `containers` | map of `ContainerOutputs` |");
    }
}
