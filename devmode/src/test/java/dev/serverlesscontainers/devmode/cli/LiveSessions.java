package dev.serverlesscontainers.devmode.cli;

import dev.serverlesscontainers.devmode.liveconfig.ConfigLoad;
import dev.serverlesscontainers.devmode.process.ProcessRuntime;
import dev.serverlesscontainers.devmode.testing.TestProject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

/** Sessions that follow their project's serverless.containers.yml, as {@code scf-dev dev} starts them, in the process runtime. */
final class LiveSessions {
    private LiveSessions() {}

    /**
     * Starts every container of {@code project} and follows its file.
     *
     * @param out what the user sees of the session
     * @param err where a reload's problems are printed
     */
    static DevSession start(TestProject project, Duration startTimeout, StringWriter out, StringWriter err) throws Exception {
        return start(project, startTimeout, out, err, () -> { });
    }

    /** {@link #start(TestProject, Duration, StringWriter, StringWriter)}, running {@code afterTheLoad} between the load and the start. */
    static DevSession start(TestProject project, Duration startTimeout, StringWriter out, StringWriter err, Runnable afterTheLoad)
            throws Exception {
        ConfigOptions options = new ConfigOptions();
        options.config = project.configFile();
        options.stage = "dev";
        ConfigLoad loaded = options.loadToFollow(TestProject.hostEnvironment(), new PrintWriter(err, true));
        afterTheLoad.run();
        DevSession session = DevSession.create(loaded.config().orElseThrow(), TestSettings.of(false, startTimeout, TestProject.hostEnvironment()), new ProcessRuntime(TestProject.hostEnvironment()), new PrintWriter(out, true),
                false);
        session.followConfig(loaded, () -> options.loadToFollow(TestProject.hostEnvironment(), new PrintWriter(err, true)));
        try {
            session.start("process");
            return session;
        } catch (Exception | AssertionError e) {
            session.close();
            throw e;
        }
    }
}
