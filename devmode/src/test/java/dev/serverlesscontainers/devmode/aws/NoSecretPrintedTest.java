package dev.serverlesscontainers.devmode.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.serverlesscontainers.devmode.runtime.InstanceSpec;
import dev.serverlesscontainers.devmode.runtime.LogSink;
import dev.serverlesscontainers.model.config.ProjectConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No secret value is ever printed. Each scenario captures everything: stdout and stderr of this JVM,
 * java.util.logging, every reporter message (debug included), the lines a real child process prints
 * (through the redacting log sink), exception messages and the toString() of everything handed out;
 * then searches it for every key, secret and token in play.
 */
class NoSecretPrintedTest extends AwsTestBase {
    static final String CALLER_TOKEN = "FwoGZXIvYXdzEJr//////////wEaDCallerSessionTokenEXAMPLE0123456789";

    final List<String> secrets = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        aws.env.put("AWS_SESSION_TOKEN", CALLER_TOKEN);
        aws.sts.echoTokenInErrors().lifetime(Duration.ofSeconds(2));
        secrets.add(CALLER_TOKEN);
    }

    private void assertNothingLeaked() {
        secrets.addAll(aws.secrets());
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(3);
        assertThat(aws.output.leaks(secrets)).as("secret values found in the output").isEmpty();
    }

    /** Runs {@code env} as a real child process with the container's environment, its output through the redacting sink. */
    private void runContainerPrintingItsEnvironment(LiveRoles roles, String container) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("env").redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(roles.environment(container));
        Process p = pb.start();
        LogSink printing = (c, id, stream, text) -> System.out.println(c + " | " + text);
        LogSink sink = roles.redactor().redacting(printing);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                sink.line(container, "pid " + p.pid(), LogSink.Stream.STDOUT, line);
            }
        }
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private void printEverythingHandedOut(LiveRoles roles, ProjectConfig config) {
        aws.output.add(roles.toString());
        aws.output.add(roles.status().toString());
        aws.output.add(roles.redactor().toString());
        for (String c : config.containers().keySet()) {
            Map<String, String> env = roles.environment(c);
            aws.output.add(env.toString());
            aws.output.add(new InstanceSpec(config, config.containers().get(c), env, (a, b, s, t) -> {}).toString());
        }
    }

    @Test
    void assumingRenewingAndRunningPrintNoSecret() throws Exception {
        ProjectConfig config = aws.project("dev");
        // the reporter scf-dev uses, printing to this JVM's streams (captured), debug on
        AwsReporter printing = AwsReporter.printingTo(new PrintWriter(System.out, true), new PrintWriter(System.err, true), true);
        AwsReporter both = (severity, message) -> {
            aws.output.reporter().report(severity, message);
            printing.report(severity, message);
        };
        try (LiveRoles roles = LiveRoles.start(config, aws.settings(), both, aws.http, java.time.Clock.systemUTC())) {
            List<Map<String, String>> renewed = new java.util.concurrent.CopyOnWriteArrayList<>();
            roles.addRefreshListener((container, env) -> {
                renewed.add(env);
                System.out.println("reloading " + container + " with " + env);
            });
            runContainerPrintingItsEnvironment(roles, "api");
            Instant deadline = Instant.now().plusSeconds(15);
            while (renewed.size() < 3 && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertThat(renewed).hasSizeGreaterThanOrEqualTo(3);
            runContainerPrintingItsEnvironment(roles, "web");
            printEverythingHandedOut(roles, config);
        }
        String all = aws.output.all();
        // the test can see what it looks for: the variables were printed, masked
        assertThat(all).contains("api | AWS_SECRET_ACCESS_KEY=" + SecretRedactor.MASK, "api | AWS_SESSION_TOKEN=" + SecretRedactor.MASK,
                "web | AWS_ACCESS_KEY_ID=" + SecretRedactor.MASK, "api | AWS_REGION=eu-west-1", "(values hidden)");
        assertNothingLeaked();
    }

    @Test
    void awsErrorsThatQuoteTheCallersTokenAreMasked() throws Exception {
        aws.sts.distrust(Project.WEB_ROLE);
        ProjectConfig config = aws.project("dev");
        try (LiveRoles roles = aws.start(config, aws.settings())) {
            // renewal fails too, with AWS quoting the request (and so the caller's token) in its message
            aws.sts.fail("AssumeRole", 403, "SignatureDoesNotMatch", "The request signature we calculated does not match.");
            Instant deadline = Instant.now().plusSeconds(15);
            while (aws.output.warnings().size() < 2 && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            printEverythingHandedOut(roles, config);
            assertThat(roles.status().get(1).detail()).hasValueSatisfying(d -> assertThat(d)
                    .contains("x-amz-security-token:" + SecretRedactor.MASK));
        }
        assertThat(aws.output.warnings()).hasSize(2);
        assertThat(aws.output.all()).contains("x-amz-security-token:" + SecretRedactor.MASK);
        assertNothingLeaked();
    }

    @Test
    void rejectedCallerCredentialsAreNotQuoted() throws Exception {
        aws.sts.fail("GetCallerIdentity", 403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        ProjectConfig config = aws.project("dev");
        try (LiveRoles roles = aws.start(config, aws.settings())) {
            printEverythingHandedOut(roles, config);
        }
        assertThat(aws.output.warnings()).singleElement().satisfies(w -> assertThat(w)
                .contains("InvalidClientTokenId", "x-amz-security-token:" + SecretRedactor.MASK));
        assertNothingLeaked();
    }

    @Test
    void profileCredentialsAreMaskedToo() throws Exception {
        String profileSecret = "profileSecretEXAMPLEKEY000000000001";
        aws.sts.caller("AKIAPROFILEKEY000001", profileSecret, AwsFixture.ALICE);
        aws.awsFile("credentials", "[p]\naws_access_key_id = AKIAPROFILEKEY000001\naws_secret_access_key = " + profileSecret
                + "\naws_session_token = " + CALLER_TOKEN + "\n");
        aws.env.remove("AWS_ACCESS_KEY_ID");
        aws.env.remove("AWS_SECRET_ACCESS_KEY");
        aws.env.remove("AWS_SESSION_TOKEN");
        aws.sts.fail("AssumeRole", 403, "AccessDenied", "denied.");
        ProjectConfig config = aws.project("dev");
        try (LiveRoles roles = aws.start(config, aws.settings().withProfile("p"))) {
            printEverythingHandedOut(roles, config);
            aws.output.add(roles.status().toString());
        }
        assertThat(aws.output.all()).contains("x-amz-security-token:" + SecretRedactor.MASK);
        assertNothingLeaked();
    }

    @Test
    void setupErrorsCarryNoCause() throws Exception {
        Path outputs = Files.writeString(temp.resolve("outputs.json"), "{\"containers\": {\"api\": {\"roleArn\": 7}}}");
        assertThatThrownBy(() -> aws.start(aws.project("dev"), aws.settings().withStackOutputs(outputs)))
                .isInstanceOf(AwsSetupException.class)
                .hasNoCause()
                .satisfies(e -> assertThat(e.getStackTrace()).as("nothing to print but the message").isEmpty());
        assertNothingLeaked();
    }

    @Test
    void theSearchFindsASecretThatIsPrinted() {
        // the guarantee is only as good as the search: printing a value raw must be caught
        System.err.println("oops " + AwsFixture.ALICE_SECRET);
        assertThat(aws.output.leaks(List.of(AwsFixture.ALICE_SECRET))).containsExactly(AwsFixture.ALICE_SECRET);
        java.util.logging.Logger.getLogger("scf-dev-test").fine("logged " + CALLER_TOKEN);
        assertThat(aws.output.leaks(List.of(CALLER_TOKEN))).containsExactly(CALLER_TOKEN);
    }
}
