package dev.serverlesscontainers.devmode.aws;

import dev.serverlesscontainers.model.config.ProjectConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake STS that knows alice (by environment keys) and trusts her on the project's roles, a
 * project, an empty home folder, and the captured output; everything a dev-mode AWS test needs.
 */
final class AwsFixture implements AutoCloseable {
    static final String ALICE_KEY = "AKIAALICEEXAMPLE0001";
    static final String ALICE_SECRET = "aliceSecretKey/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String ALICE = "arn:aws:iam::" + Project.ACCOUNT + ":user/alice";

    final FakeSts sts;
    final CapturedOutput output;
    final Path home;
    final Path projectDir;
    final LoopbackOnlyHttpClient http = new LoopbackOnlyHttpClient();
    final Map<String, String> env = new HashMap<>();

    AwsFixture(Path temp) throws IOException {
        sts = FakeSts.start().caller(ALICE_KEY, ALICE_SECRET, ALICE)
                .trust(Project.API_ROLE, ALICE).trust(Project.WEB_ROLE, ALICE).trust(Project.ADMIN_ROLE, ALICE);
        output = new CapturedOutput();
        home = Files.createDirectories(temp.resolve("home"));
        projectDir = Files.createDirectories(temp.resolve("project"));
        env.put("HOME", home.toString());
        env.put("AWS_ACCESS_KEY_ID", ALICE_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", ALICE_SECRET);
        env.put("AWS_REGION", "eu-west-1");
    }

    /** What alice's shell holds to run scf-dev as a process against {@code sts}: her keys, a region, the STS endpoint. */
    static Map<String, String> aliceShell(Path home, FakeSts sts) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", home.toString());
        env.put("AWS_ACCESS_KEY_ID", ALICE_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", ALICE_SECRET);
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
        return env;
    }

    ProjectConfig project(String stage) throws IOException {
        return Project.load(projectDir, stage);
    }

    /** The settings for this environment, pointed at the fake STS through the SDK's endpoint override. */
    AwsSettings settings() throws AwsSetupException {
        return AwsSettings.of(env).withStsEndpoint(sts.endpoint());
    }

    LiveRoles start(ProjectConfig config, AwsSettings settings) throws AwsSetupException {
        return LiveRoles.start(config, settings, output.reporter(), http, Clock.systemUTC());
    }

    LiveRoles start() throws IOException, AwsSetupException {
        return start(project("dev"), settings());
    }

    /** Every secret in play: alice's, and every one the fake STS issued. */
    List<String> secrets() {
        return sts.secrets();
    }

    /** Writes {@code ~/.aws/NAME}. */
    void awsFile(String name, String content) throws IOException {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws").resolve(name), content);
    }

    @Override
    public void close() {
        output.close();
        sts.close();
        http.close();
    }
}
