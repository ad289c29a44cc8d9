package dev.serverlesscontainers.devmode.docker;

import static dev.serverlesscontainers.devmode.docker.TestApps.awaitReady;
import static dev.serverlesscontainers.devmode.docker.TestApps.get;
import static dev.serverlesscontainers.devmode.docker.TestApps.spec;
import static dev.serverlesscontainers.devmode.docker.TestApps.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import dev.serverlesscontainers.devmode.runtime.Instance;
import dev.serverlesscontainers.devmode.runtime.LogSink.Stream;
import dev.serverlesscontainers.devmode.runtime.StartFailure;
import dev.serverlesscontainers.model.config.ProjectConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Apps built into images: from {@code src/Dockerfile}, {@code build.dockerFileString}, or the generated Dockerfile. */
class BuiltImagesTest {
    private static final String PROJECT = TestDocker.uniqueProjectName();
    private static final Duration READY = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final TestApps.RecordedLogs logs = new TestApps.RecordedLogs();
    private DockerRuntime runtime;
    private ProjectConfig project;
    private String base;

    @BeforeEach
    void writeProject() {
        // the images are shared by the tests: the first build of an unchanged app is the only one
        runtime = TestDocker.runtime(true, notices);
        base = TestDocker.baseImages(runtime.engine()).node();
        write(dir.resolve("app/Dockerfile"), """
                FROM %s AS dev
                ARG GREETING=unset
                ENV GREETING=$GREETING STAGE_NAME=dev
                WORKDIR /srv
                COPY server.js ./
                RUN if grep -q BROKEN server.js; then echo "checking server.js"; echo "server.js: BROKEN marker found" >&2; exit 7; fi
                CMD ["node", "server.js"]

                FROM dev AS prod
                ENV STAGE_NAME=prod
                """.formatted(base));
        write(dir.resolve("app/server.js"), server("v1"));
        write(dir.resolve("inline/server.js"), server("inline"));
        write(dir.resolve("generated-node/package.json"), "{\"name\": \"gen\", \"version\": \"1.0.0\", \"scripts\": {\"start\": \"node server.js\"}}");
        write(dir.resolve("generated-node/server.js"), server("generated node image"));
        write(dir.resolve("generated/main.py"), """
                import os
                from http.server import BaseHTTPRequestHandler, HTTPServer
                class Handler(BaseHTTPRequestHandler):
                    def do_GET(self):
                        self.send_response(200)
                        self.end_headers()
                        self.wfile.write(b'generated python image')
                HTTPServer(('0.0.0.0', int(os.environ['PORT'])), Handler).serve_forever()
                """);
        project = TestApps.load(dir, """
                name: %s
                containers:
                  app:
                    src: ./app
                    routing:
                      pathPattern: /*
                      pathHealthCheck: /
                    build:
                      args:
                        GREETING: hi
                      options:
                        - --target=dev
                  inline:
                    src: ./inline
                    routing:
                      pathPattern: /inline/*
                      pathHealthCheck: /inline
                    build:
                      dockerFileString: |
                        FROM %s
                        COPY server.js /srv/
                        CMD ["node", "/srv/server.js"]
                      options:
                        - --squash
                  generated:
                    src: ./generated
                    routing:
                      pathPattern: /generated/*
                      pathHealthCheck: /generated
                  generated-node:
                    src: ./generated-node
                    routing:
                      pathPattern: /generated-node/*
                      pathHealthCheck: /generated-node
                """.formatted(PROJECT, base));
    }

    private static String server(String version) {
        return """
                require('http').createServer((req, res) => {
                  res.end('%s ' + process.env.GREETING + ' ' + process.env.STAGE_NAME);
                }).listen(process.env.PORT);
                """.formatted(version);
    }

    @AfterEach
    void closeRuntime() {
        if (runtime != null) { // null when no engine answers and the test was skipped
            runtime.close();
        }
    }

    @AfterAll
    static void removeImages() {
        TestDocker.removeEverythingOf(PROJECT);
    }

    private long buildSteps() {
        return logs.lines.stream().filter(l -> l.instanceId().equals(DockerRuntime.BUILD_LOG_INSTANCE) && l.text().startsWith("Step 1/")).count();
    }

    private String imageOf(Instance instance) {
        return runtime.engine().client().inspectContainerCmd(instance.id()).exec().getImageId();
    }

    @Test
    void aChangedDockerfileAppIsRebuiltAndStartedWhileTheOldContainerKeepsServing() throws Exception {
        Instance v1 = runtime.start(spec(project, "app", Map.of(), logs));
        assertThat(awaitReady(v1.address(), "/", READY).body()).as("build.args and --target reach the build").isEqualTo("v1 hi dev");
        long buildsSoFar = buildSteps();

        Instance again = runtime.start(spec(project, "app", Map.of(), logs));
        assertThat(buildSteps()).as("an unchanged app is not rebuilt").isEqualTo(buildsSoFar);
        assertThat(imageOf(again)).isEqualTo(imageOf(v1));
        again.stop(Duration.ofSeconds(2));

        write(dir.resolve("app/server.js"), server("v2"));
        Instance v2 = runtime.start(spec(project, "app", Map.of(), logs));

        assertThat(buildSteps()).as("with --debug the build's output is shown").isEqualTo(buildsSoFar + 1);
        assertThat(imageOf(v2)).isNotEqualTo(imageOf(v1));
        assertThat(awaitReady(v2.address(), "/", READY).body()).isEqualTo("v2 hi dev");
        assertThat(get(v1.address(), "/").body()).isEqualTo("v1 hi dev");
        Map<String, String> imageLabels = runtime.engine().client().inspectImageCmd(imageOf(v2)).exec().getConfig().getLabels();
        assertThat(imageLabels).containsEntry(Labels.PROJECT, PROJECT).containsEntry(Labels.CONTAINER, "app");
    }

    @Test
    void anotherInstanceOfARunningVersionStartsFromItsImageAfterTheFilesChanged() throws Exception {
        Instance v1 = runtime.start(spec(project, "app", Map.of(), logs));
        assertThat(awaitReady(v1.address(), "/", READY).body()).isEqualTo("v1 hi dev");
        write(dir.resolve("app/server.js"), server("v2"));

        Instance sibling = runtime.startAnother(v1, spec(project, "app", Map.of(), logs));
        assertThat(imageOf(sibling)).isEqualTo(imageOf(v1));
        assertThat(awaitReady(sibling.address(), "/", READY).body()).as("a Lambda pool's extra instance during a reload").isEqualTo("v1 hi dev");

        Instance v2 = runtime.start(spec(project, "app", Map.of(), logs));
        assertThat(awaitReady(v2.address(), "/", READY).body()).isEqualTo("v2 hi dev");
    }

    @Test
    void aFailingBuildNamesTheStepShowsItsOutputAndLeavesTheOldContainerServing() throws Exception {
        DockerRuntime quiet = TestDocker.runtime(false, notices);
        try {
            Instance old = quiet.start(spec(project, "app", Map.of(), logs));
            awaitReady(old.address(), "/", READY);
            DockerClient docker = quiet.engine().client();
            List<String> containersBefore = docker.listContainersCmd().withShowAll(true).exec().stream().map(Container::getId).toList();
            List<String> danglingBefore = docker.listImagesCmd().withDanglingFilter(true).exec().stream().map(Image::getId).toList();

            write(dir.resolve("app/server.js"), server("v3") + "// BROKEN\n");

            assertThatThrownBy(() -> quiet.start(spec(project, "app", Map.of(), logs)))
                    .isInstanceOfSatisfying(StartFailure.class, failure -> {
                        assertThat(failure.getMessage())
                                .startsWith("container app: the image build (./app/Dockerfile) failed at Step ")
                                .containsPattern("Step \\d+/\\d+ : RUN if grep -q BROKEN server\\.js")
                                .endsWith("returned a non-zero code: 7");
                        assertThat(failure.output()).as("stdout and stderr, in the order the engine read them")
                                .containsExactlyInAnyOrder("checking server.js", "server.js: BROKEN marker found");
                    });
            assertThat(logs.lines).as("without --debug the build prints nothing").noneMatch(l -> l.instanceId().equals(DockerRuntime.BUILD_LOG_INSTANCE));
            assertThat(get(old.address(), "/").body()).isEqualTo("v1 hi dev");
            assertThat(docker.listContainersCmd().withShowAll(true).exec().stream().map(Container::getId).toList())
                    .as("the failed step's container is removed").containsExactlyInAnyOrderElementsOf(containersBefore);
            assertThat(docker.listImagesCmd().withDanglingFilter(true).exec().stream().map(Image::getId).toList())
                    .as("nor is its last layer left dangling").containsExactlyInAnyOrderElementsOf(danglingBefore);
        } finally {
            quiet.close();
        }
    }

    @Test
    void dockerFileStringAndTheGeneratedDockerfileAreBuiltToo() throws Exception {
        DockerRuntime building = DockerRuntime.create(TestDocker.engine(),
                new DockerSettings(TestDocker.baseImages(runtime.engine()), false, DockerSettings.newSessionId(), notices::add), false);
        try {
            Instance inline = building.start(spec(project, "inline", Map.of(), logs));
            Instance generated = building.start(spec(project, "generated", Map.of(), logs));
            Instance generatedNode = building.start(spec(project, "generated-node", Map.of(), logs));

            assertThat(awaitReady(inline.address(), "/", READY).body()).isEqualTo("inline undefined undefined");
            assertThat(awaitReady(generated.address(), "/", READY).body()).isEqualTo("generated python image");
            assertThat(awaitReady(generatedNode.address(), "/", READY).body()).isEqualTo("generated node image undefined undefined");
            String nodeImage = building.engine().client().inspectContainerCmd(generatedNode.id()).exec().getImageId();
            assertThat(building.engine().client().inspectImageCmd(nodeImage).exec().getConfig().getEnv())
                    .as("the deploy's generated Dockerfile").contains("NODE_ENV=production", "PORT=8080");
            assertThat(notices).anyMatch(n -> n.startsWith("container inline: build.options [--squash] have no effect in scf-dev"));
            var container = building.engine().client().inspectContainerCmd(generated.id()).exec();
            assertThat(container.getConfig().getImage()).startsWith("scf-dev/" + PROJECT + "-generated:");
            assertThat(container.getConfig().getLabels()).containsEntry(Labels.MODE, "built-image");
            assertThat(building.engine().client().inspectImageCmd(container.getImageId()).exec().getConfig().getEnv())
                    .as("the deploy's generated Dockerfile").contains("PYTHONUNBUFFERED=1", "PORT=8080");
        } finally {
            building.close();
        }
    }

    @Test
    void closeRemovesTheImagesThatNewerBuildsReplaced() throws Exception {
        write(dir.resolve("app/server.js"), server("old build"));
        Instance first = runtime.start(spec(project, "app", Map.of(), logs));
        String oldImage = imageOf(first);
        write(dir.resolve("app/server.js"), server("new build"));
        Instance second = runtime.start(spec(project, "app", Map.of(), logs));
        String newImage = imageOf(second);
        DockerClient docker = TestDocker.engine().client();

        runtime.close();

        List<String> left = docker.listImagesCmd().withLabelFilter(Map.of(Labels.PROJECT, PROJECT, Labels.CONTAINER, "app")).exec()
                .stream().map(i -> i.getId()).toList();
        assertThat(left).contains(newImage).doesNotContain(oldImage);
        assertThat(logs.texts(first.id(), Stream.STDERR)).isEmpty();
    }
}
