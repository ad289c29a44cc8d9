package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.components.MockAws.Registered;
import dev.serverlesscontainers.components.TestDeploy.Deployed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A preview of an unchanged project declares exactly what the last deploy did (same names, same
 * inputs: same image tags, same priorities), so Pulumi shows no change; a change to one container's
 * source changes that container's image and nothing else.
 */
class ChangeDetectionTest {
    @TempDir
    Path project;

    /** Every resource's inputs by type and name; the origin secret's value is drawn anew each run and ignored by Pulumi. */
    static Map<String, Map<String, Object>> declared(Deployed d) {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        for (Registered r : d.aws().resources) {
            Map<String, Object> inputs = new LinkedHashMap<>(r.inputs());
            if (r.type().equals("aws:ssm/parameter:Parameter")) {
                inputs.remove("value");
            }
            all.put(r.type() + " " + r.name(), inputs);
        }
        return all;
    }

    static Set<String> changed(Map<String, Map<String, Object>> before, Map<String, Map<String, Object>> after) {
        assertThat(after.keySet()).as("the same resources").isEqualTo(before.keySet());
        Set<String> changed = new TreeSet<>();
        before.forEach((k, v) -> {
            if (!v.equals(after.get(k))) {
                changed.add(k);
            }
        });
        return changed;
    }

    static String tag(Deployed d, String container) {
        String image = d.aws().named("docker:index/image:Image", "shop-dev-" + container + "-image").string("imageName");
        return image.substring(image.lastIndexOf(':') + 1);
    }

    Deployed preview() {
        Deployed d = TestDeploy.run("dev", TestDeploy.argsFor(project).build(), true);
        assertThat(d.result().errors()).isEmpty();
        return d;
    }

    @Test
    void anUnchangedProjectDeclaresTheSameResourcesAndInputs() {
        TestDeploy.copyProject("shop", project);
        Deployed first = preview();
        Deployed second = preview();

        assertThat(changed(declared(first), declared(second))).isEmpty();
        assertThat(tag(second, "api")).isEqualTo(tag(first, "api")).matches("[0-9a-f]{16}");
        assertThat(second.placements()).isEqualTo(first.placements());
    }

    @Test
    void touchingFilesOrCheckingTheProjectOutElsewhereChangesNothing(@TempDir Path elsewhere) throws Exception {
        TestDeploy.copyProject("shop", project);
        Deployed before = preview();
        try (Stream<Path> files = Files.walk(project)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(3600)));
            }
        }
        assertThat(changed(declared(before), declared(preview()))).isEmpty();

        TestDeploy.copyProject("shop", elsewhere);
        Deployed there = TestDeploy.run("dev", TestDeploy.argsFor(elsewhere).build(), true);
        assertThat(changed(declared(before), declared(there))).isEmpty();
    }

    @Test
    void changingOneContainersSourceChangesOnlyItsImageAndWhatRunsIt() throws Exception {
        TestDeploy.copyProject("shop", project);
        Deployed before = preview();
        Files.writeString(project.resolve("web/main.py"), Files.readString(project.resolve("web/main.py")) + "\n# changed\n");
        Deployed after = preview();

        assertThat(changed(declared(before), declared(after)))
                .containsExactly("aws:ecs/taskDefinition:TaskDefinition shop-dev-web-task", "docker:index/image:Image shop-dev-web-image");
        assertThat(tag(after, "web")).isNotEqualTo(tag(before, "web"));
        assertThat(tag(after, "api")).isEqualTo(tag(before, "api"));
    }

    @Test
    void changingBuildSettingsChangesTheTag() throws Exception {
        TestDeploy.copyProject("shop", project);
        Deployed before = preview();
        Path config = project.resolve("serverless.containers.yml");
        Files.writeString(config, Files.readString(config).replace("RELEASE: \"1\"", "RELEASE: \"2\""));
        Deployed after = preview();

        assertThat(tag(after, "web")).isNotEqualTo(tag(before, "web"));
        assertThat(tag(after, "api")).isEqualTo(tag(before, "api"));
    }

    @Test
    void ignoredFilesDoNotCount() throws Exception {
        TestDeploy.copyProject("shop", project);
        Files.writeString(project.resolve("web/.dockerignore"), "*.log\n");
        Deployed before = preview();
        Files.writeString(project.resolve("web/debug.log"), "noise");
        Files.createDirectories(project.resolve("api/node_modules/left-pad"));
        Files.writeString(project.resolve("api/node_modules/left-pad/index.js"), "module.exports = 1;");
        Deployed after = preview();

        assertThat(tag(after, "web")).isEqualTo(tag(before, "web"));
        assertThat(tag(after, "api")).as("node_modules is not part of a generated image").isEqualTo(tag(before, "api"));
    }
}
