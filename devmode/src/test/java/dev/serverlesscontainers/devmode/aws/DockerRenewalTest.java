package dev.serverlesscontainers.devmode.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.docker.Labels;
import dev.serverlesscontainers.devmode.docker.TestDocker;
import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.LoadClients;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.devmode.testing.ScfDevProcess;
import dev.serverlesscontainers.devmode.testing.TestProject;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scf-dev dev --runtime docker} as a user runs it, against a local STS whose credentials last
 * seconds: the mounted app's container runs as its role, each renewal reloads it (a new container, as
 * the standby with the old credentials is stale) under continuous requests, none of which fails, and
 * no secret shows in scf-dev's output (the container logs included, although the app prints its
 * secrets) or in the control plane.
 */
class DockerRenewalTest {
    /**
     * Renewed after half their life (RefreshPolicy's earliest), so every 5 seconds: time enough for the
     * first container to start on a busy machine before the first renewal.
     */
    private static final Duration LIFETIME = Duration.ofSeconds(10);
    private static final Duration SOON = Duration.ofSeconds(60);
    private static final String ROLE = "arn:aws:iam::" + Project.ACCOUNT + ":role/team-api";
    private static final Pattern LISTING = Pattern.compile("api \\(awsFargateEcs\\) -> http://localhost:(\\d+)/api/");
    private static final Pattern NOW_SERVING = Pattern.compile("(?m)^\\[api\\] +-- now serving ");
    private static final Pattern CONTROL = Pattern.compile("control plane -> http://127\\.0\\.0\\.1:(\\d+)/api/containers");

    /**
     * Answers which credentials it runs with by a hash of the access key id (never a secret), and its
     * region; prints its secrets as it starts, as a careless app would.
     */
    private static final String APP = """
            const http = require('http');
            const crypto = require('crypto');
            const key = crypto.createHash('sha256').update(process.env.AWS_ACCESS_KEY_ID || '').digest('hex').slice(0, 16);
            console.log('my secret is ' + process.env.AWS_SECRET_ACCESS_KEY + ' and my token ' + process.env.AWS_SESSION_TOKEN);
            http.createServer((req, res) => {
              res.setHeader('content-type', 'application/json');
              res.end(JSON.stringify({key: key, region: process.env.AWS_REGION}));
            }).listen(process.env.PORT);
            """;

    @TempDir
    Path dir;
    private final String project = TestDocker.uniqueProjectName();

    @AfterEach
    void removeLeftovers() {
        TestDocker.removeEverythingOf(project);
    }

    @Test
    void renewalsReloadTheContainerUnderLoadWithTheNewCredentialsAndNoSecretIsShown() throws Exception {
        TestDocker.require();
        TestProject files = TestProject.in(dir)
                .write("api/server.js", APP)
                .write("api/package.json", "{\"name\": \"api\", \"main\": \"server.js\"}")
                .config("""
                        name: %s
                        containers:
                          api:
                            src: ./api
                            routing:
                              pathPattern: /api/*
                              pathHealthCheck: /api/health
                            compute:
                              type: awsFargateEcs
                              awsIam:
                                roleArn: %s
                        """.formatted(project, ROLE));
        try (FakeSts sts = FakeSts.start()) {
            sts.caller(AwsFixture.ALICE_KEY, AwsFixture.ALICE_SECRET, AwsFixture.ALICE).trust(ROLE, AwsFixture.ALICE).lifetime(LIFETIME);
            StringBuilder shown = new StringBuilder();
            try (ScfDevProcess scfDev = ScfDevProcess.start(List.of("--config", files.configFile().toString(), "--runtime", "docker",
                    "--port-proxy", "0", "--port-control", "0"), environment(sts))) {
                try {
                    int port = Integer.parseInt(scfDev.awaitStdout(LISTING, SOON).group(1));
                    int control = Integer.parseInt(scfDev.awaitStdout(CONTROL, SOON).group(1));
                    renewalsUnderLoad(scfDev, sts, port);
                    shown.append(controlPlane(control));
                    scfDev.stop("INT", Duration.ofSeconds(10));
                    shown.append(scfDev.stdout()).append(scfDev.stderr());
                    assertThat(scfDev.stderr()).doesNotContain("warning:");
                    assertThat(TestDocker.containers(Map.of(Labels.PROJECT, project))).as("containers after Ctrl-C").isEmpty();
                } finally {
                    System.out.print(scfDev.text()); // what a user would have seen, in the test report
                }
            }
            String everything = shown.toString();
            assertThat(everything).as("the app printed its secrets as each container started: masked")
                    .containsPattern("(?m)^\\[api\\] +my secret is " + Pattern.quote(SecretRedactor.MASK) + " and my token "
                            + Pattern.quote(SecretRedactor.MASK) + "$");
            List<String> secrets = sts.secrets();
            // which ones, by position (alice's key and secret, then key id, secret and token per AssumeRole), never their values
            assertThat(IntStream.range(0, secrets.size()).filter(i -> everything.contains(secrets.get(i))).boxed().toList())
                    .as("positions of the secrets found in what scf-dev showed").isEmpty();
        }
    }

    /**
     * The app first runs with the first credentials, and after each renewal's reload with the new ones,
     * while clients send requests one after the other: none fails, and each sees the credentials in order.
     */
    private static void renewalsUnderLoad(ScfDevProcess scfDev, FakeSts sts, int port) throws InterruptedException {
        JsonObject first = get(port, "/api/key");
        assertThat(first.getString("region")).as("AWS_REGION in the container's environment").isEqualTo("eu-west-1");
        assertThat(first.getString("key")).as("the first credentials STS issued").isEqualTo(issuedKeyHashes(sts).get(0));

        List<List<String>> seen;
        try (LoadClients load = new LoadClients(port, "localhost", "/api/key", 3, body -> new JsonObject(body).getString("key"))) {
            for (int reload = 1; reload <= 2; reload++) {
                assertServesTheNewestCredentialsAfterReload(reload, scfDev, sts, port);
            }
            load.awaitAnswered(20, SOON);
            load.close();
            assertThat(load.failures()).as("failed requests while renewals reloaded api").isEmpty();
            seen = load.sequences();
        }
        List<String> issued = issuedKeyHashes(sts);
        assertThat(seen).as("each client saw the credentials in the order STS issued them, from the first")
                .allSatisfy(s -> assertThat(s).hasSizeGreaterThanOrEqualTo(2).isEqualTo(issued.subList(0, s.size())));
        assertThat(get(port, "/api/key").getString("region")).isEqualTo("eu-west-1");
        assertThat(scfDev.stdout()).containsPattern("(?m)^renewed the AWS credentials of api, valid until ")
                .containsPattern("(?m)^\\[api\\] +-- reloading: its AWS credentials were renewed$");
    }

    /** Checks what the control plane says of the container's role, and of Docker's view of it; returns what it answered. */
    private static String controlPlane(int control) throws IOException {
        String containers = RawHttp.get(control, "127.0.0.1:" + control, "/api/containers").text();
        JsonObject api = new JsonObject(containers).getJsonArray("containers").getJsonObject(0);
        // only the names of the secret variables, so that a failure does not print their values
        assertThat(Stream.of(TestDocker.inspectContainer(api.getString("instance")).getConfig().getEnv())
                .map(v -> v.startsWith("AWS_REGION=") ? v : v.substring(0, v.indexOf('='))))
                .as("the serving container's environment, as Docker has it")
                .contains("AWS_REGION=eu-west-1", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
        JsonObject role = api.getJsonObject("aws");
        assertThat(role.getString("credentials")).isEqualTo("active");
        assertThat(role.getString("roleArn")).isEqualTo(ROLE);
        return containers + RawHttp.get(control, "127.0.0.1:" + control, "/api/containers/api").text();
    }

    /**
     * Right after the {@code n}-th reload the app runs with the credentials of the {@code n}-th renewal
     * (not, say, with those a standby container was prepared with before it).
     */
    private static void assertServesTheNewestCredentialsAfterReload(int n, ScfDevProcess scfDev, FakeSts sts, int port) {
        Await.until("reload " + n, SOON, () -> reloads(scfDev) >= n);
        while (true) {
            int before = reloads(scfDev);
            String key = get(port, "/api/key").getString("key");
            if (reloads(scfDev) == before) {
                assertThat(key).as("the credentials api runs with after reload %d", before).isEqualTo(issuedKeyHashes(sts).get(before));
                return;
            }
        }
    }

    private static int reloads(ScfDevProcess scfDev) {
        return (int) NOW_SERVING.matcher(scfDev.stdout()).results().count();
    }

    /** The test's Docker environment, AWS as alice with a region, STS the local one. */
    private static Map<String, String> environment(FakeSts sts) {
        Map<String, String> env = new HashMap<>(TestDocker.environment());
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", AwsFixture.ALICE_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", AwsFixture.ALICE_SECRET);
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
        return env;
    }

    /**
     * What the app answers for each set of credentials STS issued, in order: its secrets are alice's
     * key and secret, then key id, secret and token for each AssumeRole.
     */
    private static List<String> issuedKeyHashes(FakeSts sts) {
        List<String> secrets = sts.secrets();
        List<String> hashes = new ArrayList<>();
        for (int i = 2; i < secrets.size(); i += 3) {
            hashes.add(sha256(secrets.get(i)).substring(0, 16));
        }
        return hashes;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject get(int port, String path) {
        return RawHttp.getJson(port, "localhost", path);
    }
}
