package dev.serverlesscontainers.devmode.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.AppDependencies;
import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.LoadClients;
import dev.serverlesscontainers.devmode.testing.Ports;
import dev.serverlesscontainers.devmode.testing.TestProject;
import dev.serverlesscontainers.model.config.ProjectConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Apps shaped like the examples of SCF's serverless/containers repository run on the process runtime
 * as they are, with no dev.command, their dependencies installed from the registries: each starts with
 * the command scf-dev finds, and takes two new versions under load without a failed request. Express
 * ignores PORT (hold-and-swap), Hono and FastAPI read it (start-then-switch), and the Next.js stand-in
 * is a dev script that reloads itself.
 */
@Timeout(600)
class ScfAppsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "express, version.txt, /version",
            "hono, version.txt, /version",
            "next-like, app/page.txt, /",
            "fastapi, version.txt, /version"})
    void runsAsItIsAndReloadsUnderLoadWithoutAFailedRequest(String app, String versionFile, String path) throws Exception {
        TestProject project = TestProject.in(dir).app("service", "scf/" + app);
        Path service = dir.resolve("service");
        Map<String, String> host = TestProject.hostEnvironment();
        if (Files.exists(service.resolve("package.json"))) {
            AppDependencies.linkNodeModules(service);
        }
        if (Files.exists(service.resolve("requirements.txt"))) {
            host = AppDependencies.withPath(host, AppDependencies.pythonBin(service));
        }
        int ownPort = Ports.closed();
        ProjectConfig config = project.config("""
                name: scf-%s
                containers:
                  service:
                    src: ./service
                    routing:
                      pathPattern: /*
                      pathHealthCheck: /health
                    compute:
                      type: awsFargateEcs
                    environment:
                      APP_PORT: "%d"
                """.formatted(app.replace("-", ""), ownPort)).load();
        try (Stack s = new Stack(config, o -> o.withStartTimeout(Duration.ofSeconds(60)), host)) {
            assertThat(s.fleet.startAll()).as("started; events: %s", s.events).containsEntry("service", ContainerSupervisor.Outcome.HEALTHY);
            boolean reloadsItself = s.runtime.reloadsItself(config, config.containers().get("service"));
            assertThat(reloadsItself).as("only the dev script reloads itself").isEqualTo(app.equals("next-like"));
            try (LoadClients load = new LoadClients(s.proxy.port(), "localhost", path, 4, body -> body)) {
                load.awaitAnswered(20, Duration.ofSeconds(20));
                for (String version : new String[] {"v2", "v3"}) {
                    Files.writeString(service.resolve(versionFile), version);
                    if (!reloadsItself) {
                        s.supervisor("service").reload(versionFile + " changed");
                    }
                    Await.until(app + " to serve " + version, Duration.ofSeconds(60), () -> s.text(path).endsWith(version));
                    load.awaitAnswered(20, Duration.ofSeconds(20));
                }
                load.close();
                assertThat(load.failures()).as("failed requests").isEmpty();
            }
            assertThat(s.logged("service", "ignores PORT")).as("only express ignores PORT").isEqualTo(app.equals("express"));
        }
    }
}
