package dev.serverlesscontainers.devmode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.serverlesscontainers.devmode.debug.DebugPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code scf-dev dev}'s own flags as the start-up gets them: the defaults the help shows, and a clear error for each bad one. */
@Timeout(10)
class DevOptionsTest {
    private static DevOptions parse(String... args) throws DevOptions.Invalid {
        DevFlags flags = new DevFlags();
        new CommandLine(flags).parseArgs(args);
        return flags.checked();
    }

    private static String error(String... args) {
        return catchThrowableOfType(() -> parse(args), DevOptions.Invalid.class).getMessage();
    }

    @Test
    void withoutFlagsEachTakesTheDefaultTheHelpShows() throws Exception {
        assertThat(parse()).isEqualTo(new DevOptions(false, 3000, 3001, "auto", "127.0.0.1", Duration.ofSeconds(60), 10, Map.of(),
                Optional.empty(), List.of()));
    }

    @Test
    void everyFlagReachesTheOptions() throws Exception {
        DevOptions o = parse("--debug", "--port-proxy", "0", "--port-control", "0", "--runtime", "process", "--host", "0.0.0.0",
                "--start-timeout", "5", "--lambda-max-instances", "2", "--base-image", "node=mirror/node:20", "--log-file", "dev.log",
                "--debug-port", "api", "--debug-port", "web=9300");
        assertThat(o).isEqualTo(new DevOptions(true, 0, 0, "process", "0.0.0.0", Duration.ofSeconds(5), 2, Map.of("node", "mirror/node:20"),
                Optional.of(Path.of("dev.log")), List.of("api", "web=9300")));
    }

    @Test
    void eachBadFlagIsNamedWithWhatWasGiven() {
        assertThat(error("--runtime", "podman")).isEqualTo("--runtime must be one of auto, docker, process (got podman)");
        assertThat(error("--port-proxy", "70000")).isEqualTo("ports are 0 to 65535 (got 70000)");
        assertThat(error("--port-control", "-1")).isEqualTo("ports are 0 to 65535 (got -1)");
        assertThat(error("--port-proxy", "4000", "--port-control", "4000")).isEqualTo("--port-proxy and --port-control must differ (both 4000)");
        assertThat(error("--lambda-max-instances", "0")).isEqualTo("--lambda-max-instances must be at least 1 (got 0)");
        assertThat(error("--start-timeout", "0")).isEqualTo("--start-timeout must be at least 1 second (got 0)");
        assertThat(error("--base-image", "ruby=ruby:3"))
                .isEqualTo("--base-image takes NAME=IMAGE with NAME one of node, python, java, java-build (got ruby)");
        assertThat(error("--base-image", "node")).startsWith("--base-image node= needs an image, such as ");
    }

    @Test
    void aRunsSettingsCarryItsFlagsAsCheckedAndTheRegionOfItsEnvironment() throws Exception {
        DevOptions flags = parse("--port-proxy", "0", "--log-file", "dev.log");
        DevSettings settings = DevSettings.of(flags, Map.of("AWS_DEFAULT_REGION", "eu-north-1"), DebugPlan.none());
        assertThat(settings.flags()).isSameAs(flags);
        assertThat(settings.region()).isEqualTo("eu-north-1");
        assertThat(DevSettings.of(flags, Map.of("AWS_REGION", "ap-south-1", "AWS_DEFAULT_REGION", "eu-north-1"), DebugPlan.none()).region())
                .isEqualTo("ap-south-1");
        assertThat(DevSettings.of(flags, Map.of(), DebugPlan.none()).region()).isEqualTo("us-east-1");
    }

    @Test
    void bothPortsMayBeZeroForTwoFreeOnes() throws Exception {
        assertThat(parse("--port-proxy", "0", "--port-control", "0").proxyPort()).isZero();
    }
}
