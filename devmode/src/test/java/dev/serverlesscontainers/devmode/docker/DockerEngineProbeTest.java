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

class DockerEngineProbeTest {
    @TempDir
    Path dir;

    @Test
    void theWaysAreTriedInTheDockerCommandsOrder() {
        assertThat(DockerEngine.candidates(Map.of("XDG_RUNTIME_DIR", "/run/user/1000")))
                .extracting(DockerEngine.Candidate::host)
                .containsExactly("unix:///var/run/docker.sock", "unix:///run/user/1000/docker.sock");
        assertThat(DockerEngine.candidates(Map.of())).extracting(DockerEngine.Candidate::host).containsExactly("unix:///var/run/docker.sock");
    }

    @Test
    void aDockerHostIsTheOnlyWayTriedAsWithTheDockerCommand() {
        assertThat(DockerEngine.candidates(Map.of("DOCKER_HOST", " tcp://127.0.0.1:2375 ", "XDG_RUNTIME_DIR", "/run/user/1000")))
                .extracting(DockerEngine.Candidate::host).containsExactly("tcp://127.0.0.1:2375");
        assertThat(DockerEngine.candidates(Map.of("DOCKER_HOST", " "))).extracting(DockerEngine.Candidate::host)
                .containsExactly("unix:///var/run/docker.sock");
    }

    @Test
    void whenNoWayAnswersTheDiagnosisListsEveryWayTriedAndWhy() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        DockerEngine.Probe probe = DockerEngine.probe(Map.of(), List.of(
                new DockerEngine.Candidate("unix://" + dir.resolve("docker.sock"), "DOCKER_HOST"),
                new DockerEngine.Candidate("tcp://127.0.0.1:" + closedPort, "the default socket"),
                new DockerEngine.Candidate("unix://" + dir.resolve("rootless.sock"), "the rootless engine's socket (XDG_RUNTIME_DIR)")));

        assertThat(probe.engine()).isEmpty();
        assertThat(probe.diagnosis().lines()).hasSize(5).first().isEqualTo("no Docker engine answers; tried:");
        assertThat(probe.diagnosis())
                .contains("  - unix://" + dir.resolve("docker.sock") + " (DOCKER_HOST): no such socket")
                .contains("  - tcp://127.0.0.1:" + closedPort + " (the default socket): ")
                .contains("  - unix://" + dir.resolve("rootless.sock") + " (the rootless engine's socket (XDG_RUNTIME_DIR)): no such socket")
                .endsWith("Start Docker (as root: dockerd, or systemctl start docker), or set DOCKER_HOST to an engine that runs.");
    }

    @Test
    void aDockerHostThatDoesNotAnswerIsNotSwappedForTheLocalEngine() {
        TestDocker.engine().close();
        String none = "unix://" + dir.resolve("none.sock");
        DockerEngine.Probe probe = DockerEngine.probe(Map.of("DOCKER_HOST", none));
        assertThat(probe.engine()).isEmpty();
        assertThat(probe.diagnosis()).isEqualTo("no Docker engine answers; tried:\n  - " + none + " (DOCKER_HOST): no such socket\n"
                + "DOCKER_HOST is set, so no other way was tried (as with the docker command): start the engine it names, "
                + "or unset DOCKER_HOST to use the local engine.");
    }

    @Test
    void theLocalEngineAnswersOnTheDefaultSocket() {
        TestDocker.engine().close();
        DockerEngine.Probe probe = DockerEngine.probe(Map.of());
        try (DockerEngine engine = probe.engine().orElseThrow()) {
            assertThat(probe.attempts()).singleElement().asString().startsWith("unix:///var/run/docker.sock (the default socket): Docker ");
            assertThat(engine.host()).isEqualTo(DockerEngine.DEFAULT_SOCKET);
            assertThat(engine.describe()).endsWith(" at unix:///var/run/docker.sock (the default socket)");
            assertThat(engine.sharesFilesWithThisMachine()).isTrue();
            assertThat(engine.client().versionCmd().exec().getApiVersion()).isEqualTo(engine.apiVersion());
        }
    }

    @Test
    void theClientSpeaksTheEnginesApiVersionUpToTheNewestItKnows() {
        assertThat(DockerEngine.chooseApiVersion("1.41", "1.12")).isEqualTo(RemoteApiVersion.VERSION_1_41);
        assertThat(DockerEngine.chooseApiVersion("1.50", "1.24")).isEqualTo(DockerEngine.NEWEST_KNOWN_API);
        assertThatThrownBy(() -> DockerEngine.chooseApiVersion("1.60", "1.50"))
                .hasMessage("the engine speaks API 1.50 to 1.60 but this client at most 1.44");
    }
}
