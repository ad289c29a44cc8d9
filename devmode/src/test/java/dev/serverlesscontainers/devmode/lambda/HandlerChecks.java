package dev.serverlesscontainers.devmode.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.devmode.testing.Await;
import dev.serverlesscontainers.devmode.testing.LoadClients;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What every handler app (Python and Node.js, on the process and Docker runtimes) must show the
 * same way; each runtime's test adds what only it has. The apps answer the same paths: {@code /event}
 * returns its event, {@code /reverse} its body reversed, {@code /slow} sleeps and names its
 * host:process, {@code /exit} exits with code 3.
 */
final class HandlerChecks {
    private HandlerChecks() {}

    /** The function URL event (payload 2.0) of a GET with a query, cookies and a header of its own; returned for more checks. */
    static JsonObject assertFunctionUrlEvent(HandlerStack s) throws Exception {
        HttpResponse<String> r = s.http.send(s.request("/event?b=2&a=1&a=3").header("Cookie", "x=1; y=2")
                .header("X-Custom", "Yes").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject event = new JsonObject(r.body());
        assertThat(event.getString("version")).isEqualTo("2.0");
        assertThat(event.getString("rawPath")).isEqualTo("/event");
        assertThat(event.getString("rawQueryString")).isEqualTo("b=2&a=1&a=3");
        assertThat(event.getJsonObject("queryStringParameters").getMap()).containsEntry("a", "1,3").containsEntry("b", "2");
        assertThat(event.getJsonArray("cookies").getList()).containsExactly("x=1", "y=2");
        assertThat(event.getJsonObject("headers").getMap()).containsEntry("x-custom", "Yes").doesNotContainKey("cookie")
                .containsKeys("x-forwarded-for", "x-amzn-trace-id");
        JsonObject http = event.getJsonObject("requestContext").getJsonObject("http");
        assertThat(http.getString("method")).isEqualTo("GET");
        assertThat(http.getString("path")).isEqualTo("/event");
        assertThat(event.getBoolean("isBase64Encoded")).isFalse();
        return event;
    }

    /** A binary body reaches the handler base64-encoded, and its base64 result reaches the client as the bytes. */
    static void assertBinaryBodiesRoundTrip(HandlerStack s) throws Exception {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        HttpResponse<byte[]> reversed = s.send(s.request("/reverse").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertThat(reversed.statusCode()).isEqualTo(200);
        assertThat(reversed.body()).hasSize(256);
        assertThat(reversed.body()[0]).isEqualTo((byte) 255);
        assertThat(reversed.body()[255]).isEqualTo((byte) 0);
    }

    /** Three slow invocations at once on a cap of three: three containers, about one invocation's time. */
    static void assertThreeSlowInvocationsRunOnThreeContainers(HandlerStack s) throws Exception {
        long began = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(s.http.sendAsync(s.request("/slow?seconds=2").timeout(Duration.ofSeconds(90)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> hosts = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> a : answers) {
            assertThat(a.get().statusCode()).as(s.log()).isEqualTo(200);
            hosts.add(a.get().body().split(":")[0]);
        }
        assertThat(hosts).hasSize(3);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(2 * 2 + 3));
    }

    /** An invocation over the function's timeout: 502 within about the timeout, its instance stopped, the next request served. */
    static void assertATimedOutInvocationStopsItsInstance(HandlerStack s, int timeoutSeconds) throws Exception {
        long began = System.nanoTime();
        HttpResponse<String> slow = s.get("/slow?seconds=" + (timeoutSeconds + 8));
        assertThat(slow.statusCode()).isEqualTo(502);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isBetween(Duration.ofSeconds(timeoutSeconds),
                Duration.ofSeconds(timeoutSeconds + 6));
        assertThat(slow.headers().firstValue("x-scf-dev-reason").orElse("")).contains("Task timed out after " + timeoutSeconds + " seconds");
        s.awaitLogged("fn", "timed out after " + timeoutSeconds + " s; stopping");
        HttpResponse<String> after = s.get("/after-timeout");
        assertThat(after.statusCode()).as(s.log()).isEqualTo(200);
        assertThat(after.body()).contains("GET /after-timeout");
    }

    /**
     * A container that exits during an invocation: 502 with Lambda's body, and the next request is
     * served by a new container. The stack runs one instance at most: with more, an invocation that
     * comes while the only instance has not asked for its next event yet goes to a new one (as on
     * Lambda), and which one crashed would be a matter of timing.
     */
    static void assertACrashedContainerIsReplaced(HandlerStack s) throws Exception {
        String before = s.text("/slow?seconds=0").split(":")[0];
        HttpResponse<String> crash = s.get("/exit");
        assertThat(crash.statusCode()).isEqualTo(502);
        assertThat(crash.body()).isEqualTo("Internal Server Error");
        assertThat(crash.headers().firstValue("x-scf-dev-reason").orElse("")).contains("exited with code 3");
        s.awaitLogged("fn", "exited with code 3");
        HttpResponse<String> after = s.get("/slow?seconds=0");
        assertThat(after.statusCode()).as(s.log()).isEqualTo(200);
        assertThat(after.body().split(":")[0]).as("the container that answers after the crash, in %s", s.log()).isNotEqualTo(before);
        assertThat(s.logged("fn", "cold start: ")).isTrue();
    }

    /**
     * Four clients send requests one after the other while {@code version.txt} (which the Python app
     * reads at init) changes and the container reloads: none fails. With {@code versionsInOrder}, each
     * client also sees v1, then v2, never v1 again: so it is where the old version's extra instances
     * start from its image (Docker); host processes started during the reload read the new file.
     */
    static void assertAReloadUnderLoadLosesNoRequest(HandlerStack s, Path app, Duration reloadTimeout, boolean versionsInOrder)
            throws Exception {
        try (LoadClients load = new LoadClients(s.proxy.port(), "localhost", "/load", 4, body -> body)) {
            load.awaitAnswered(50, Duration.ofSeconds(30));
            Files.writeString(app.resolve("version.txt"), "v2");
            s.supervisor("fn").reload("changed: version.txt");
            Await.until("the new version to answer", reloadTimeout, () -> s.text("/load").startsWith("v2 "));
            load.awaitEveryClientOn("v2 GET /load", Duration.ofSeconds(60));
            load.awaitAnswered(50, Duration.ofSeconds(30));
            load.close();
            assertThat(load.failures()).as(s.log()).isEmpty();
            if (versionsInOrder) {
                assertThat(load.sequences()).as(s.log()).allSatisfy(seen -> assertThat(seen).containsExactly("v1 GET /load", "v2 GET /load"));
            }
        }
    }
}
