package dev.serverlesscontainers.devmode.cli;

import dev.serverlesscontainers.devmode.debug.DebugPlan;
import dev.serverlesscontainers.devmode.supervisor.SupervisorOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings of a session a test starts in its own JVM: both ports free ones on 127.0.0.1, Lambda apps told eu-west-1. */
final class TestSettings {
    private TestSettings() {}

    static DevSettings of(boolean debug, Duration startTimeout, Map<String, String> environment) {
        return of(debug, startTimeout, environment, Optional.empty());
    }

    /** With {@code --log-file} given as {@code logFile}. */
    static DevSettings of(boolean debug, Duration startTimeout, Map<String, String> environment, Optional<Path> logFile) {
        // --runtime is read by the start-up only: a session gets the runtime the test made
        DevOptions flags = new DevOptions(debug, 0, 0, "auto", "127.0.0.1", startTimeout,
                SupervisorOptions.LAMBDA_MAX_INSTANCES, Map.of(), logFile, List.of());
        return new DevSettings(flags, "eu-west-1", environment, DebugPlan.none());
    }
}
