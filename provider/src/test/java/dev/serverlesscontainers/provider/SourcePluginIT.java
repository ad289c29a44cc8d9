package dev.serverlesscontainers.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Empty;
import dev.serverlesscontainers.components.InProcessDeploy;
import dev.serverlesscontainers.components.ServerlessContainers;
import io.grpc.Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pulumirpc.Provider.ConstructRequest;
import pulumirpc.Provider.GetSchemaRequest;

/**
 * The plugin run from source, the way Pulumi's Java language host runs a Maven project named by a
 * {@code PulumiPlugin.yaml} with {@code runtime: java}: {@code mvn -q compile exec:java} on the
 * repository's pom, with the engine's arguments in {@code mainArgs}, in the program's directory.
 * Every module is compiled; only the provider module runs, and it speaks the same protocol.
 */
class SourcePluginIT {
    /** Compiling the reactor first takes a while. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    Path program;

    @Test
    void mavenCompileExecJavaAtTheRootRunsThePlugin() throws Exception {
        assertThat(Files.readString(PackageSchemaTest.repository().resolve("PulumiPlugin.yaml"))).contains("runtime: java");
        InProcessDeploy.copyTree(PackageSchemaTest.repository().resolve("examples/hello"), program);
        Server engine = PluginProcess.serve(new FakeEngine());
        var monitor = new FakeResourceMonitor("app", "dev", InProcessDeploy.mockAws());
        Server monitorServer = PluginProcess.serve(monitor);
        List<String> command = List.of("mvn", "-q", "--no-transfer-progress", "-f", PackageSchemaTest.repository().resolve("pom.xml").toString(),
                "compile", "exec:java", "-DmainArgs=--logtostderr " + PluginProcess.address(engine));
        try (var plugin = PluginProcess.start(command, program, Map.of(), START_TIMEOUT)) {
            assertThat(plugin.provider.getPluginInfo(Empty.getDefaultInstance()).getVersion()).isEqualTo(System.getProperty("project.version"));
            assertThat(plugin.provider.getSchema(GetSchemaRequest.getDefaultInstance()).getSchema())
                    .isEqualTo(Files.readString(PackageSchemaTest.repository().resolve("schema.json")));
            plugin.provider.construct(ConstructRequest.newBuilder().setProject("app").setStack("dev")
                    .setMonitorEndpoint(PluginProcess.address(monitorServer)).setType(ServerlessContainers.TYPE).setName("app")
                    .setParent("urn:pulumi:dev::app::pulumi:pulumi:Stack::app-dev")
                    .setInputs(Structs.struct(Map.of("configFile", "serverless.containers.yml"))).build());
            assertThat(monitor.registrations).hasSizeGreaterThan(50);
            assertThat(plugin.stdoutAfterPort().replaceAll("\\u001B\\[[0-9;]*m", "")).isBlank();

            // the plugin stops when the engine goes away (Maven then goes on with the modules after the provider's; not waited for)
            engine.shutdownNow();
            long deadline = System.nanoTime() + PluginLifecycleIT.EXIT_WITHIN.toNanos();
            while (!plugin.stderr().contains("no longer answers; stopping") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(plugin.stderr()).contains("no longer answers; stopping");
        } finally {
            engine.shutdownNow();
            monitorServer.shutdownNow();
        }
    }
}
