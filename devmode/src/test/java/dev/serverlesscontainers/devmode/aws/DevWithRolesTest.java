package dev.serverlesscontainers.devmode.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.LoadClients;
import dev.serverlesscontainers.devmode.testing.RawHttp;
import dev.serverlesscontainers.devmode.testing.ScfDevProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scf-dev dev} as a user runs it (a process of its own, on the process runtime) against a
 * local STS selected with {@code AWS_ENDPOINT_URL_STS}: one container runs as its role, whose
 * credentials expire within seconds and are renewed under load; the others' roles are denied. Then
 * everything scf-dev showed (its stdout and stderr with the log view, the control plane's JSON and
 * its log stream) is searched for every secret in play, although the apps print their environment.
 */
class DevWithRolesTest {
    /** Renewed after half their life (RefreshPolicy's earliest), so every 4 seconds. */
    private static final Duration LIFETIME = Duration.ofSeconds(8);
    private static final Duration SOON = Duration.ofSeconds(60);
    private static final Pattern CONTROL = Pattern.compile("control plane -> http://127\\.0\\.0\\.1:(\\d+)/api/containers");
    private static final Pattern RENEWED = Pattern.compile("(?m)^renewed the AWS credentials of api, valid until ");

    @TempDir
    Path dir;

    /** Answers with its environment, or its name; prints its environment, and its secret, as it starts. */
    private static final String APP = """
            const http = require('http');
            console.log(JSON.stringify(process.env));
            console.log('my secret is ' + process.env.AWS_SECRET_ACCESS_KEY);
            http.createServer((req, res) => {
              res.setHeader('content-type', 'application/json');
              res.end(req.url.endsWith('/env') ? JSON.stringify(process.env) : JSON.stringify({name: process.env.SERVERLESS_CONTAINER_NAME}));
            }).listen(process.env.PORT);
            """;

    @Test
    void containersRunAsTheirRolesRenewalsReloadThemUnderLoadAndNoSecretIsEverShown() throws Exception {
        Path projectDir = Files.createDirectories(dir.resolve("project"));
        Project.load(projectDir, "dev");
        for (String app : List.of("api", "web", "admin")) {
            Files.writeString(projectDir.resolve(app + "/server.js"), APP);
            Files.writeString(projectDir.resolve(app + "/package.json"), "{\"name\": \"" + app + "\", \"main\": \"server.js\"}");
        }
        try (FakeSts sts = FakeSts.start()) {
            sts.caller(AwsFixture.ALICE_KEY, AwsFixture.ALICE_SECRET, AwsFixture.ALICE).trust(Project.API_ROLE, AwsFixture.ALICE)
                    .lifetime(LIFETIME);
            Map<String, String> env = AwsFixture.aliceShell(Files.createDirectories(dir.resolve("home")), sts);
            StringBuilder shown = new StringBuilder();
            try (ScfDevProcess scfDev = ScfDevProcess.start(List.of("--config", projectDir.resolve("serverless.containers.yml").toString(),
                    "--runtime", "process", "--port-proxy", "0", "--port-control", "0"), env)) {
                int port = scfDev.awaitListing(SOON);
                int control = Integer.parseInt(scfDev.awaitStdout(CONTROL, SOON).group(1));

                JsonObject api = json(port, "/api/env");
                assertThat(sts.secrets()).as("the role's credentials, as STS issued them")
                        .contains(api.getString("AWS_ACCESS_KEY_ID"), api.getString("AWS_SECRET_ACCESS_KEY"), api.getString("AWS_SESSION_TOKEN"));
                assertThat(api.getString("AWS_ACCESS_KEY_ID")).startsWith("ASIA");
                assertThat(api.getString("AWS_REGION")).isEqualTo("eu-west-1");
                JsonObject web = json(port, "/env");
                assertThat(web.fieldNames()).as("a denied role: no credentials, and never the developer's")
                        .doesNotContain("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
                assertThat(scfDev.stderr()).containsOnlyOnce("warning:")
                        .contains("warning: web, admin start without AWS credentials", "web: AssumeRole was denied for " + AwsFixture.ALICE,
                                "devTrustPrincipalArns", "admin: its role " + Project.ADMIN_ROLE);
                assertThat(scfDev.stdout()).contains("AWS: 1 container runs as its deployed role, assumed by " + AwsFixture.ALICE);

                try (LoadClients load = new LoadClients(port, "localhost", "/api/hello", 4, body -> new JsonObject(body).getString("name"))) {
                    Await.until("two renewals", SOON, () -> RENEWED.matcher(scfDev.stdout()).results().count() >= 2);
                    Await.until("api to run with renewed credentials", SOON,
                            () -> !api.getString("AWS_ACCESS_KEY_ID").equals(json(port, "/api/env").getString("AWS_ACCESS_KEY_ID")));
                    load.awaitAnswered(20, SOON);
                    load.close();
                    assertThat(load.failures()).as("failed requests while renewals reloaded api").isEmpty();
                }
                assertThat(scfDev.stdout()).containsPattern("(?m)^\\[api\\] +-- reloading: its AWS credentials were renewed$");
                JsonObject renewed = json(port, "/api/env");
                assertThat(sts.secrets()).contains(renewed.getString("AWS_SECRET_ACCESS_KEY"), renewed.getString("AWS_SESSION_TOKEN"));
                assertThat(renewed.getString("AWS_SESSION_TOKEN")).isNotEqualTo(api.getString("AWS_SESSION_TOKEN"));

                String containers = RawHttp.get(control, "127.0.0.1:" + control, "/api/containers").text();
                shown.append(containers);
                JsonArray all = new JsonObject(containers).getJsonArray("containers");
                JsonObject apiRole = all.getJsonObject(0).getJsonObject("aws");
                assertThat(apiRole.getString("credentials")).isEqualTo("active");
                assertThat(apiRole.getString("roleArn")).isEqualTo(Project.API_ROLE);
                assertThat(apiRole.getString("expires")).isNotNull();
                JsonObject webRole = all.getJsonObject(1).getJsonObject("aws");
                assertThat(webRole.getString("credentials")).isEqualTo("none");
                assertThat(webRole.getString("detail")).contains("AccessDenied");
                shown.append(RawHttp.get(control, "127.0.0.1:" + control, "/api/containers/api").text());
                shown.append(serverSentEvents(control, "/api/logs", Duration.ofSeconds(2)));

                scfDev.stop("TERM", Duration.ofSeconds(15));
                shown.append(scfDev.stdout()).append(scfDev.stderr());
            }
            String everything = shown.toString();
            assertThat(everything).as("the apps printed their environment: masked")
                    .contains("my secret is " + SecretRedactor.MASK, "AWS_SECRET_ACCESS_KEY=" + SecretRedactor.MASK,
                            "\\\"AWS_SESSION_TOKEN\\\":\\\"" + SecretRedactor.MASK + "\\\"");
            assertThat(sts.requests("AssumeRole")).hasSizeGreaterThanOrEqualTo(4);
            List<String> leaked = sts.secrets().stream().filter(everything::contains).toList();
            assertThat(leaked).as("secrets found in what scf-dev showed").isEmpty();
        }
    }

    private static JsonObject json(int port, String path) {
        return RawHttp.getJson(port, "localhost", path);
    }

    /** What a log stream sends within {@code time}: its replay of recent lines, then what comes. */
    private static String serverSentEvents(int port, String path, Duration time) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(RawHttp.request("GET", "127.0.0.1:" + port, path).getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(200);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long end = System.nanoTime() + time.toNanos();
            while (System.nanoTime() < end) {
                try {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    read.write(buffer, 0, n);
                } catch (SocketTimeoutException quiet) {
                    // nothing new yet
                }
            }
            String text = read.toString(StandardCharsets.UTF_8);
            assertThat(text).as("the log stream").contains("event: log", "my secret is " + SecretRedactor.MASK);
            return text;
        }
    }
}
