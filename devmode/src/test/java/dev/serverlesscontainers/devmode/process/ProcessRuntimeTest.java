package dev.serverlesscontainers.devmode.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.serverlesscontainers.devmode.logs.LogHub;
import dev.serverlesscontainers.devmode.runtime.Instance;
import dev.serverlesscontainers.devmode.runtime.InstanceSpec;
import dev.serverlesscontainers.devmode.runtime.StartFailure;
import dev.serverlesscontainers.devmode.runtime.TcpListeners;
import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.devmode.testing.TestProject;
import dev.serverlesscontainers.model.config.ProjectConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRuntimeTest {
    @TempDir
    Path dir;
    private final LogHub logs = new LogHub();
    private final ProcessRuntime runtime = new ProcessRuntime(TestProject.hostEnvironment());

    @AfterEach
    void close() {
        runtime.close();
    }

    private ProjectConfig project(String containerYaml) {
        return TestProject.in(dir).app("app", "node-app").app("py", "python-app").config("""
                name: rt-test
                containers:
                  app:
                    src: ./app
                    routing:
                      pathPattern: /*
                """ + containerYaml).load();
    }

    /** A project whose container {@code app} has the folder {@code src}, and no settings but its route. */
    private ProjectConfig projectOf(String src) {
        return TestProject.in(dir).config("""
                name: rt-test
                containers:
                  app:
                    src: %s
                    routing:
                      pathPattern: /*
                """.formatted(src)).load();
    }

    private Instance start(ProjectConfig p, Map<String, String> extra) throws StartFailure {
        return runtime.start(new InstanceSpec(p, p.containers().get("app"), extra, logs));
    }

    private static void awaitHealthy(Instance i) {
        Await.until(i.id() + " to answer", Duration.ofSeconds(15), () -> {
            try {
                return RawHttp.get(i.address().getPort(), "x", "/health").status() == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void runsTheDetectedStartCommandWithThePlatformEnvironment() throws Exception {
        ProjectConfig p = project("""
                    environment:
                      APP_GREETING: hi
                      APP_SHADOWED: from-config
                """);
        Instance i = start(p, Map.of("APP_SHADOWED", "from-extra"));
        awaitHealthy(i);
        JsonObject env = new JsonObject(RawHttp.get(i.address().getPort(), "x", "/env").text());
        assertThat(env.getString("PORT")).isEqualTo(String.valueOf(i.address().getPort()));
        assertThat(env.getString("SERVERLESS_NAMESPACE")).isEqualTo("rt-test");
        assertThat(env.getString("SERVERLESS_STAGE")).isEqualTo("dev");
        assertThat(env.getString("SERVERLESS_CONTAINER_NAME")).isEqualTo("app");
        assertThat(env.getString("SERVERLESS_COMPUTE_TYPE")).isEqualTo("awsLambda");
        assertThat(env.getString("SERVERLESS_ROUTING_PATH_PATTERN")).isEqualTo("/*");
        assertThat(env.getString("SERVERLESS_LOCAL")).isEqualTo("true");
        assertThat(env.getString("APP_GREETING")).isEqualTo("hi");
        assertThat(env.getString("APP_SHADOWED")).isEqualTo("from-extra");
        assertThat(i.id()).startsWith("pid ");
        Await.until("the app's first line", Duration.ofSeconds(5),
                () -> logs.lastOutput("app", i.id(), 5).stream().anyMatch(l -> l.contains("\"msg\":\"listening\"")));
    }

    @Test
    void platformVariablesWinOverEverythingElse() {
        ProjectConfig p = project("");
        Map<String, String> env = ProcessRuntime.environment(Map.of("PATH", "/bin", "SERVERLESS_STAGE", "host", "PORT", "1"),
                new InstanceSpec(p, p.containers().get("app"), Map.of("PORT", "2", "AWS_ACCESS_KEY_ID", "AKIA"), logs), 4242);
        assertThat(env).containsEntry("PORT", "4242").containsEntry("SERVERLESS_STAGE", "dev").containsEntry("PATH", "/bin")
                .containsEntry("AWS_ACCESS_KEY_ID", "AKIA").containsEntry("PYTHONUNBUFFERED", "1")
                .containsEntry(LeftoverProcesses.LABEL, LeftoverProcesses.ownLabel());
    }

    @Test
    void anAppNeverInheritsTheDevelopersAwsIdentity() {
        ProjectConfig p = project("");
        Map<String, String> developer = Map.of("PATH", "/bin", "AWS_ACCESS_KEY_ID", "AKIADEVELOPER", "AWS_SECRET_ACCESS_KEY", "developer-secret",
                "AWS_SESSION_TOKEN", "developer-token", "AWS_PROFILE", "admin", "AWS_REGION", "eu-west-1",
                "AWS_SHARED_CREDENTIALS_FILE", "/home/dev/.aws/credentials");
        Map<String, String> withoutRole = ProcessRuntime.environment(developer, new InstanceSpec(p, p.containers().get("app"), Map.of(), logs), 4242);
        assertThat(withoutRole).doesNotContainKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE")
                .containsEntry("AWS_SHARED_CREDENTIALS_FILE", "/dev/null").containsEntry("AWS_CONFIG_FILE", "/dev/null")
                .containsEntry("AWS_EC2_METADATA_DISABLED", "true").containsEntry("AWS_REGION", "eu-west-1").containsEntry("PATH", "/bin");

        Map<String, String> withRole = ProcessRuntime.environment(developer, new InstanceSpec(p, p.containers().get("app"),
                Map.of("AWS_ACCESS_KEY_ID", "ASIAROLE", "AWS_SECRET_ACCESS_KEY", "role-secret", "AWS_SESSION_TOKEN", "role-token"), logs), 4242);
        assertThat(withRole).containsEntry("AWS_ACCESS_KEY_ID", "ASIAROLE").containsEntry("AWS_SECRET_ACCESS_KEY", "role-secret")
                .containsEntry("AWS_SESSION_TOKEN", "role-token").doesNotContainKey("AWS_PROFILE");

        ProjectConfig ownProfile = project("""
                    environment:
                      AWS_PROFILE: sandbox
                      AWS_SHARED_CREDENTIALS_FILE: /home/dev/.aws/sandbox
                """);
        assertThat(ProcessRuntime.environment(developer, new InstanceSpec(ownProfile, ownProfile.containers().get("app"), Map.of(), logs), 4242))
                .as("what the container's own environment says, it gets").containsEntry("AWS_PROFILE", "sandbox")
                .containsEntry("AWS_SHARED_CREDENTIALS_FILE", "/home/dev/.aws/sandbox");
    }

    /**
     * A Maven project whose {@code target/} holds the jar of the last build: each start must build
     * again, or a reload would serve the old code. {@code mvn} here is a stand-in on PATH that builds
     * {@code src/main/java} with the JDK's javac and jar, as {@code mvn package} would, without a
     * repository to download plugins from.
     */
    @Test
    void aMavenProjectIsBuiltAgainAtEveryStart() throws Exception {
        Path jdk = Path.of(System.getProperty("java.home"), "bin");
        Path bin = dir.resolve("bin");
        TestProject.in(dir).write("java/pom.xml", "<project/>").write("java/src/main/java/Main.java", javaApp("v1"))
                .write("bin/mvn", """
                        #!/bin/sh
                        set -e
                        echo "mvn $*" >> target-args.log
                        rm -rf target/classes && mkdir -p target/classes
                        "%s" -d target/classes src/main/java/Main.java
                        "%s" --create --file target/app-1.0.jar --main-class Main -C target/classes .
                        """.formatted(jdk.resolve("javac"), jdk.resolve("jar")));
        assertThat(bin.resolve("mvn").toFile().setExecutable(true)).isTrue();
        ProjectConfig p = TestProject.in(dir).config("""
                name: rt-test
                containers:
                  app:
                    src: ./java
                    routing:
                      pathPattern: /*
                """).load();
        Map<String, String> env = new java.util.HashMap<>(TestProject.hostEnvironment());
        env.put("PATH", bin + ":" + env.get("PATH"));
        try (ProcessRuntime withMaven = new ProcessRuntime(env)) {
            for (String version : List.of("v1", "v2")) {
                TestProject.in(dir).write("java/src/main/java/Main.java", javaApp(version));
                Instance i = withMaven.start(new InstanceSpec(p, p.containers().get("app"), Map.of(), logs));
                Await.until("the app to answer", Duration.ofSeconds(60), () -> {
                    try {
                        return RawHttp.get(i.address().getPort(), "x", "/").status() == 200;
                    } catch (Exception e) {
                        return false;
                    }
                });
                assertThat(RawHttp.get(i.address().getPort(), "x", "/").text()).as("after a change of Main.java").isEqualTo(version);
                i.stop(Duration.ofSeconds(2));
            }
        }
        assertThat(java.nio.file.Files.readAllLines(dir.resolve("java/target-args.log"))).containsExactly(
                "mvn -q -B -DskipTests package", "mvn -q -B -DskipTests package");
    }

    private static String javaApp(String version) {
        return """
                import com.sun.net.httpserver.HttpServer;
                import java.net.InetSocketAddress;
                public class Main {
                    public static void main(String[] args) throws Exception {
                        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(System.getenv("PORT"))), 0);
                        server.createContext("/", exchange -> {
                            byte[] body = "%s".getBytes();
                            exchange.sendResponseHeaders(200, body.length);
                            exchange.getResponseBody().write(body);
                            exchange.close();
                        });
                        server.start();
                    }
                }
                """.formatted(version);
    }

    @Test
    void stoppingEndsTheWholeProcessTree() throws Exception {
        ProjectConfig p = project("""
                    dev:
                      command: sleep 300 & exec node server.js
                """);
        Instance i = start(p, Map.of());
        awaitHealthy(i);
        long pid = Long.parseLong(i.id().substring(4));
        List<ProcessHandle> tree = ProcessHandle.of(pid).orElseThrow().descendants().toList();
        assertThat(tree).anySatisfy(h -> assertThat(h.info().command().orElse("")).endsWith("sleep"));
        i.stop(Duration.ofSeconds(2));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        for (ProcessHandle h : tree) {
            // an orphan that exited may linger as a zombie until PID 1 reaps it: it runs no more
            assertThat(ProcessTree.running(h)).as("pid %s (%s)", h.pid(), h.info().command().orElse("?")).isFalse();
        }
        assertThat(i.exited().toCompletableFuture().get(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void anAppThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
        Instance i = start(project("""
                    dev:
                      command: trap '' TERM; while true; do sleep 0.1; done
                """), Map.of());
        long start = System.nanoTime();
        i.stop(Duration.ofMillis(300));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(i.exited().toCompletableFuture().get(5, TimeUnit.SECONDS)).isNotZero();
    }

    @Test
    void anExitIsReportedWithItsCode() throws Exception {
        Instance i = start(project("""
                    environment:
                      FAIL_AT_START: "yes"
                """), Map.of());
        assertThat(i.exited().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(logs.lastOutput("app", i.id(), 5)).contains("failing at start as asked");
    }

    @Test
    void aDevCommandThatDoesNotExistSaysSo() {
        assertThatThrownBy(() -> start(project("""
                    dev:
                      command: definitely-not-installed-xyz --serve
                """), Map.of()))
                .isInstanceOf(StartFailure.class)
                .hasMessageContaining("app: cannot start dev.command `definitely-not-installed-xyz --serve`")
                .hasMessageContaining("`definitely-not-installed-xyz` was not found on PATH")
                .hasMessageContaining("Fix containers.app.dev.command in serverless.containers.yml");
    }

    @Test
    void anAppWithoutAStartCommandSaysHowToSetOne() {
        TestProject.in(dir).write("empty/README.md", "nothing to run");
        ProjectConfig p = TestProject.in(dir).config("""
                name: rt-test
                containers:
                  app:
                    src: ./empty
                    routing:
                      pathPattern: /*
                """).load();
        assertThatThrownBy(() -> runtime.start(new InstanceSpec(p, p.containers().get("app"), Map.of(), logs)))
                .isInstanceOf(StartFailure.class)
                .hasMessageContaining("app: cannot tell how to start the app in ./empty: no package.json")
                .hasMessageContaining("        dev:\n          command: ./start.sh");
    }

    @Test
    void anAppThatOnlyItsDockerfileSaysHowToStartRunsItsCmd() throws Exception {
        TestProject.in(dir).app("docker-only", "node-app").write("docker-only/Dockerfile", """
                FROM node:20-slim
                WORKDIR /srv/app
                COPY . .
                EXPOSE 8080
                CMD ["node", "/srv/app/server.js"]
                """);
        java.nio.file.Files.delete(dir.resolve("docker-only/package.json"));
        ProjectConfig p = projectOf("./docker-only");
        Instance i = start(p, Map.of());
        awaitHealthy(i);
        assertThat(i.startedWith()).contains("`node server.js` (the CMD of ./docker-only/Dockerfile, which exposes port 8080)");
    }

    @Test
    void anAppWhoseDockerfileRunsNothingSaysSo() {
        TestProject.in(dir).write("empty/Dockerfile", "FROM scratch\nCOPY . /\n");
        ProjectConfig p = projectOf("./empty");
        assertThatThrownBy(() -> runtime.start(new InstanceSpec(p, p.containers().get("app"), Map.of(), logs)))
                .isInstanceOf(StartFailure.class)
                .hasMessageContaining("app: cannot tell how to start the app in ./empty: no package.json")
                .hasMessageContaining(", and its Dockerfile has no CMD or ENTRYPOINT.")
                .hasMessageContaining("        dev:\n          command: ./start.sh");
    }

    @Test
    void aDetectedCommandWhoseProgramIsMissingSaysWhatToInstall() {
        TestProject.in(dir).write("fast/requirements.txt", "fastapi\nuvicorn\n")
                .write("fast/main.py", "from fastapi import FastAPI\napp = FastAPI()\n");
        ProjectConfig p = TestProject.in(dir).config("""
                name: rt-test
                containers:
                  app:
                    src: ./fast
                    routing:
                      pathPattern: /*
                """).load();
        ProcessRuntime noUvicorn = new ProcessRuntime(Map.of("PATH", "/usr/bin:/bin"));
        assertThatThrownBy(() -> noUvicorn.start(new InstanceSpec(p, p.containers().get("app"), Map.of(), logs)))
                .isInstanceOf(StartFailure.class)
                .hasMessageContaining("`uvicorn` is not installed or not on PATH")
                .hasMessageContaining("pip install uvicorn")
                .hasMessageContaining("command: python3 app.py");
    }

    @Test
    void anAppOnTheWrongPortIsDiagnosed() throws Exception {
        Instance i = start(project("""
                    environment:
                      WRONG_PORT: "yes"
                """), Map.of());
        Await.until("the app to listen somewhere", Duration.ofSeconds(10), () -> i.listeningProblem().orElse("").contains("listens on port"));
        assertThat(i.listeningProblem().orElseThrow())
                .contains("not on the port in its PORT environment variable (" + i.address().getPort() + ")")
                .contains("read the port from PORT");
    }

    @Test
    void anAppOnAnotherInterfaceIsDiagnosed() throws Exception {
        Instance i = start(project("""
                    environment:
                      LISTEN_HOST: "::1"
                """), Map.of());
        Await.until("the app to listen", Duration.ofSeconds(10), () -> i.listeningProblem().orElse("").contains("only"));
        assertThat(i.listeningProblem().orElseThrow())
                .isEqualTo("it listens on [::1]:" + i.address().getPort() + " only, and scf-dev connects to 127.0.0.1:"
                        + i.address().getPort() + ": listen on 0.0.0.0 (every interface), as an app in a container must");
    }

    @Test
    void aWellBehavedAppHasNoListeningProblem() throws Exception {
        Instance i = start(project(""), Map.of());
        awaitHealthy(i);
        assertThat(i.listeningProblem()).isEmpty();
    }

    @Test
    void addressesAreReadAsTheKernelWritesThem() {
        assertThat(TcpListeners.address("0100007F")).isEqualTo("127.0.0.1");
        assertThat(TcpListeners.address("00000000")).isEqualTo("0.0.0.0");
        assertThat(TcpListeners.address("00000000000000000000000001000000")).isEqualTo("::1");
        assertThat(TcpListeners.address("00000000000000000000000000000000")).isEqualTo("::");
        assertThat(TcpListeners.address("0000000000000000FFFF00000100007F")).isEqualTo("::ffff:127.0.0.1");
        assertThat(TcpListeners.address("B80D0120000000000000000001000000")).isEqualTo("2001:db8::1");
    }
}
