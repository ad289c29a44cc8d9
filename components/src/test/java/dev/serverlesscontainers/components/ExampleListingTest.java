package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.components.TestDeploy.Deployed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each bundled example's committed resource listing ({@code examples/NAME/resources.dev.txt}) is what
 * the component declares for it. After a deliberate change, regenerate them with
 * {@value #REGENERATE}.
 */
class ExampleListingTest {
    static final String UPDATE_PROPERTY = "scf.updateListings";
    static final String REGENERATE = "mvn -B -pl components -am test -Dtest=ExampleListingTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dscf.updateListings=true";
    static final String STAGE = "dev";

    @TempDir
    Path work;

    static Path examples() {
        // surefire runs in the module's folder
        return Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().resolve("examples");
    }

    static Stream<String> examplesWithAConfig() throws IOException {
        try (Stream<Path> dirs = Files.list(examples())) {
            List<String> names = dirs.filter(d -> Files.isRegularFile(d.resolve("serverless.containers.yml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
            assertThat(names).contains("hello");
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examplesWithAConfig")
    void theCommittedListingIsWhatTheComponentDeclares(String example) throws IOException {
        Path copy = work.resolve(example);
        TestDeploy.copyTree(examples().resolve(example), copy);
        Deployed d = TestDeploy.run(STAGE, TestDeploy.argsFor(copy).build());
        assertThat(d.result().errors()).isEmpty();
        String listing = ResourceListing.render("# What `ServerlessContainers` declares for examples/" + example
                + "/serverless.containers.yml on stage " + STAGE + ".\n# Regenerate: " + REGENERATE, d.aws().resources);

        Path committed = examples().resolve(example).resolve("resources." + STAGE + ".txt");
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.writeString(committed, listing);
        }
        assertThat(committed).as("regenerate with: " + REGENERATE).exists();
        List<String> expected = Files.readString(committed).lines().toList();
        List<String> actual = listing.lines().toList();
        // the lines that differ, not the whole file, so a reviewer sees what changed
        List<String> gone = expected.stream().filter(l -> !actual.contains(l)).toList();
        List<String> added = actual.stream().filter(l -> !expected.contains(l)).toList();
        assertThat(actual).as("examples/" + example + "/resources." + STAGE + ".txt is out of date (no longer declared: " + gone
                + "; now declared: " + added + "); regenerate with: " + REGENERATE).isEqualTo(expected);
    }
}
