package dev.serverlesscontainers.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Empty;
import io.grpc.Server;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin's process starts as the engine starts it and ends when the engine stops it or goes away. */
class PluginLifecycleIT {
    /** The engine watch's checks, plus the JVM's exit. */
    static final Duration EXIT_WITHIN = EngineWatch.INTERVAL.plus(EngineWatch.CHECK_TIMEOUT).multipliedBy(EngineWatch.FAILURES_BEFORE_GONE + 1)
            .plusSeconds(5);

    @TempDir
    Path program;

    @Test
    void itExitsWhenTheEngineGoesAway() throws Exception {
        Server engine = PluginProcess.serve(new FakeEngine());
        try (var plugin = PluginProcess.start(PluginProcess.address(engine), program, Map.of())) {
            assertThat(plugin.provider.getPluginInfo(Empty.getDefaultInstance()).getVersion()).isNotBlank();
            // a few health checks while the engine is there: the plugin stays
            Thread.sleep(EngineWatch.INTERVAL.multipliedBy(EngineWatch.FAILURES_BEFORE_GONE + 1).toMillis());
            assertThat(plugin.process.isAlive()).as(plugin.stderr()).isTrue();

            engine.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);

            assertThat(plugin.process.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS)).as("exited within " + EXIT_WITHIN + "; stderr:\n"
                    + plugin.stderr()).isTrue();
            assertThat(plugin.process.exitValue()).isZero();
            assertThat(plugin.stderr()).contains("no longer answers; stopping");
            assertThat(plugin.stdoutAfterPort()).isEmpty();
        } finally {
            engine.shutdownNow();
        }
    }

    @Test
    void itExitsWhenTheEngineCancels() throws Exception {
        Server engine = PluginProcess.serve(new FakeEngine());
        try (var plugin = PluginProcess.start(PluginProcess.address(engine), program, Map.of())) {
            plugin.provider.cancel(Empty.getDefaultInstance());
            assertThat(plugin.process.waitFor(15, TimeUnit.SECONDS)).as(plugin.stderr()).isTrue();
            assertThat(plugin.process.exitValue()).isZero();
        } finally {
            engine.shutdownNow();
        }
    }

    @Test
    void itStopsOnSigterm() throws Exception {
        Server engine = PluginProcess.serve(new FakeEngine());
        try (var plugin = PluginProcess.start(PluginProcess.address(engine), program, Map.of())) {
            plugin.process.destroy();
            assertThat(plugin.process.waitFor(15, TimeUnit.SECONDS)).as(plugin.stderr()).isTrue();
        } finally {
            engine.shutdownNow();
        }
    }

    @Test
    void withoutTheEnginesAddressItSaysWhatItExpects() throws Exception {
        var pb = new ProcessBuilder(PluginProcess.launcher().toString(), "--logtostderr", "-v=3").directory(program.toFile());
        pb.environment().put("SERVERLESS_CONTAINERS_PLUGIN_JAR", PluginProcess.jar().toString());
        var p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(Plugin.USAGE);
        assertThat(new String(p.getInputStream().readAllBytes())).isEmpty();
        assertThat(new String(p.getErrorStream().readAllBytes())).contains("expected the Pulumi engine's address as the only argument");
    }
}
