package dev.serverlesscontainers.devmode.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.core.RemoteApiVersion;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerDiscoveryTest {
    @TempDir
    Path dir;

    @Test
    void theWaysAreTriedInTheDockerCommandsOrder() {
        String home = dir.toString();
        assertThat(DockerDiscovery.candidates(Map.of("HOME", home, "XDG_RUNTIME_DIR", "/run/user/1000")))
                .extracting(DockerDiscovery.Candidate::host)
                .containsExactly("unix:///var/run/docker.sock", "unix:///run/user/1000/docker.sock", "unix://" + home + "/.docker/run/docker.sock");
        assertThat(DockerDiscovery.candidates(Map.of("HOME", home))).extracting(DockerDiscovery.Candidate::describe)
                .containsExactly("unix:///var/run/docker.sock (the default socket)",
                        "unix://" + home + "/.docker/run/docker.sock (Docker Desktop's socket)");
    }

    @Test
    void theCurrentContextOfTheConfigFileIsTriedFirstThenTheDefaultSockets() throws Exception {
        DockerContextFiles.select(dir.resolve(".docker"), "colima", "unix:///home/u/.colima/default/docker.sock");
        assertThat(DockerDiscovery.candidates(Map.of("HOME", dir.toString()))).extracting(DockerDiscovery.Candidate::describe)
                .containsExactly("unix:///home/u/.colima/default/docker.sock (context \"colima\" (" + dir.resolve(".docker/config.json") + "))",
                        "unix:///var/run/docker.sock (the default socket)",
                        "unix://" + dir + "/.docker/run/docker.sock (Docker Desktop's socket)");
    }

    @Test
    void dockerConfigNamesTheDirectoryOfTheConfigFileAndTheContexts() throws Exception {
        Path config = dir.resolve("elsewhere");
        DockerContextFiles.select(config, "orbstack", "unix:///home/u/.orbstack/run/docker.sock");
        DockerContextFiles.select(dir.resolve(".docker"), "colima", "unix:///home/u/.colima/default/docker.sock");
        assertThat(DockerDiscovery.candidates(Map.of("HOME", dir.toString(), "DOCKER_CONFIG", config.toString())))
                .extracting(DockerDiscovery.Candidate::host).first().isEqualTo("unix:///home/u/.orbstack/run/docker.sock");
    }

    @Test
    void dockerContextOverridesTheConfigFileAndIsTheOnlyWayTried() throws Exception {
        Path config = dir.resolve(".docker");
        DockerContextFiles.select(config, "colima", "unix:///home/u/.colima/default/docker.sock");
        DockerContextFiles.create(config, "desktop-linux", "unix:///home/u/.docker/desktop/docker.sock");
        assertThat(DockerDiscovery.candidates(Map.of("HOME", dir.toString(), "DOCKER_CONTEXT", "desktop-linux")))
                .extracting(DockerDiscovery.Candidate::describe)
                .containsExactly("unix:///home/u/.docker/desktop/docker.sock (context \"desktop-linux\" (DOCKER_CONTEXT))");
        assertThat(DockerDiscovery.candidates(Map.of("HOME", dir.toString(), "DOCKER_CONTEXT", "desktop-linux", "DOCKER_HOST", "tcp://127.0.0.1:2375")))
                .as("DOCKER_HOST wins over DOCKER_CONTEXT, as with the docker command")
                .extracting(DockerDiscovery.Candidate::host).containsExactly("tcp://127.0.0.1:2375");
        assertThat(DockerDiscovery.candidates(Map.of("HOME", dir.toString(), "DOCKER_CONTEXT", "default")))
                .as("the context named default is the default socket")
                .extracting(DockerDiscovery.Candidate::host).first().isEqualTo(DockerDiscovery.DEFAULT_SOCKET);
    }

    @Test
    void aContextThatDoesNotExistIsReportedWithEveryOtherWayTried() throws Exception {
        Path config = dir.resolve(".docker");
        java.nio.file.Files.createDirectories(config);
        java.nio.file.Files.writeString(config.resolve("config.json"), "{\"currentContext\": \"gone\"}");
        Map<String, String> environment = Map.of("HOME", dir.toString());
        DockerDiscovery.Probe probe = DockerDiscovery.probe(environment, DockerDiscovery.candidates(environment).subList(0, 1));
        assertThat(probe.engine()).isEmpty();
        assertThat(probe.diagnosis()).contains("  - context \"gone\" (" + config.resolve("config.json") + "): no such context ("
                + config.resolve("contexts/meta/" + DockerContext.sha256Hex("gone") + "/meta.json") + " does not exist)");

        DockerDiscovery.Probe named = DockerDiscovery.probe(Map.of("HOME", dir.toString(), "DOCKER_CONTEXT", "missing"));
        assertThat(named.engine()).isEmpty();
        assertThat(named.attempts()).singleElement().asString().startsWith("context \"missing\" (DOCKER_CONTEXT): no such context");
        assertThat(named.diagnosis()).endsWith("DOCKER_CONTEXT is set, so no other way was tried (as with the docker command): "
                + "start the engine of that context, or unset DOCKER_CONTEXT.");
    }

    @Test
    void theEngineIsReachedThroughTheCurrentContextsEndpoint() throws Exception {
        String realHost;
        try (DockerEngine engine = TestDocker.engine()) {
            realHost = engine.host();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(realHost.startsWith("unix://"), "the test engine listens on a Unix socket");
        // A path only the context knows, so that finding the engine proves the context was followed.
        Path socket = java.nio.file.Files.createSymbolicLink(dir.resolve("context-only.sock"), Path.of(java.net.URI.create(realHost).getPath()));
        DockerContextFiles.select(dir.resolve("config"), "scf-test", "unix://" + socket);

        DockerDiscovery.Probe probe = DockerDiscovery.probe(Map.of("HOME", dir.toString(), "DOCKER_CONFIG", dir.resolve("config").toString()));
        try (DockerEngine engine = probe.engine().orElseThrow(() -> new AssertionError(probe.diagnosis()))) {
            assertThat(engine.host()).isEqualTo("unix://" + socket);
            assertThat(engine.describe()).endsWith(" at unix://" + socket + " (context \"scf-test\" (" + dir.resolve("config/config.json") + "))");
            assertThat(engine.client().pingCmd().exec()).isNull();
        }
    }

    @Test
    void aDockerHostIsTheOnlyWayTriedAsWithTheDockerCommand() {
        assertThat(DockerDiscovery.candidates(Map.of("DOCKER_HOST", " tcp://127.0.0.1:2375 ", "XDG_RUNTIME_DIR", "/run/user/1000")))
                .extracting(DockerDiscovery.Candidate::host).containsExactly("tcp://127.0.0.1:2375");
        assertThat(DockerDiscovery.candidates(Map.of("HOME", dir.toString(), "DOCKER_HOST", " "))).extracting(DockerDiscovery.Candidate::host)
                .first().isEqualTo("unix:///var/run/docker.sock");
    }

    @Test
    void whenNoWayAnswersTheDiagnosisListsEveryWayTriedAndWhy() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        DockerDiscovery.Probe probe = DockerDiscovery.probe(Map.of(), List.of(
                new DockerDiscovery.Candidate("unix://" + dir.resolve("docker.sock"), "DOCKER_HOST"),
                new DockerDiscovery.Candidate("tcp://127.0.0.1:" + closedPort, "the default socket"),
                new DockerDiscovery.Candidate("unix://" + dir.resolve("rootless.sock"), "the rootless engine's socket (XDG_RUNTIME_DIR)")));

        assertThat(probe.engine()).isEmpty();
        assertThat(probe.diagnosis().lines()).hasSize(5).first().isEqualTo("no Docker engine answers; tried:");
        assertThat(probe.diagnosis())
                .contains("  - unix://" + dir.resolve("docker.sock") + " (DOCKER_HOST): no such socket")
                .contains("  - tcp://127.0.0.1:" + closedPort + " (the default socket): ")
                .contains("  - unix://" + dir.resolve("rootless.sock") + " (the rootless engine's socket (XDG_RUNTIME_DIR)): no such socket")
                .endsWith("Start Docker (as root: dockerd, or systemctl start docker; or Docker Desktop, Colima, OrbStack), "
                        + "select its context (docker context use NAME), or set DOCKER_HOST to an engine that runs.");
    }

    @Test
    void aDockerHostThatDoesNotAnswerIsNotSwappedForTheLocalEngine() {
        TestDocker.engine().close();
        String none = "unix://" + dir.resolve("none.sock");
        DockerDiscovery.Probe probe = DockerDiscovery.probe(Map.of("DOCKER_HOST", none));
        assertThat(probe.engine()).isEmpty();
        assertThat(probe.diagnosis()).isEqualTo("no Docker engine answers; tried:\n  - " + none + " (DOCKER_HOST): no such socket\n"
                + "DOCKER_HOST is set, so no other way was tried (as with the docker command): start the engine it names, "
                + "or unset DOCKER_HOST to use the local engine.");
    }

    @Test
    void theLocalEngineAnswersOnTheDefaultSocket() {
        TestDocker.engine().close();
        DockerDiscovery.Probe probe = DockerDiscovery.probe(Map.of("HOME", dir.toString()));
        try (DockerEngine engine = probe.engine().orElseThrow()) {
            assertThat(probe.attempts()).singleElement().asString().startsWith("unix:///var/run/docker.sock (the default socket): Docker ");
            assertThat(engine.host()).isEqualTo(DockerDiscovery.DEFAULT_SOCKET);
            assertThat(engine.describe()).endsWith(" at unix:///var/run/docker.sock (the default socket)");
            assertThat(engine.sharesFilesWithThisMachine()).isTrue();
            assertThat(engine.client().versionCmd().exec().getApiVersion()).isEqualTo(engine.apiVersion());
        }
    }

    @Test
    void theClientSpeaksTheEnginesApiVersionUpToTheNewestItKnows() {
        assertThat(DockerDiscovery.chooseApiVersion("1.41", "1.12")).isEqualTo(RemoteApiVersion.VERSION_1_41);
        assertThat(DockerDiscovery.chooseApiVersion("1.50", "1.24")).isEqualTo(DockerDiscovery.NEWEST_KNOWN_API);
        assertThatThrownBy(() -> DockerDiscovery.chooseApiVersion("1.60", "1.50"))
                .hasMessage("the engine speaks API 1.50 to 1.60 but this client at most 1.44");
    }
}
