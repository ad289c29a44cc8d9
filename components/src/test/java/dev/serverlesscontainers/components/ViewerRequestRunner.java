package dev.serverlesscontainers.components;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesscontainers.model.routing.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Executes generated CloudFront Functions with Node.js on CloudFront-shaped viewer-request events,
 * with a fake {@code cloudfront} module that records {@code selectRequestOriginById} and answers the
 * key value store's {@code exists}.
 */
final class ViewerRequestRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A viewer request: its Host header and request target (path with an optional query). */
    record Request(String host, String target) {}

    /** What the function did: the origins it selected, or the response it gave itself. */
    record Outcome(List<String> selected, Optional<Integer> status, Optional<String> body, Optional<String> forwardedHost,
            Optional<String> container, boolean uriUnchanged) {
        Optional<String> origin() {
            return selected.size() == 1 ? Optional.of(selected.get(0)) : Optional.empty();
        }
    }

    /**
     * One generated function, the requests to send it, and the origin ids its key value store does
     * not have yet (every other id is there).
     */
    record Run(String code, List<Request> requests, List<String> undeployedOrigins) {
        Run(String code, List<Request> requests) {
            this(code, requests, List.of());
        }
    }

    private ViewerRequestRunner() {}

    static List<List<Outcome>> run(Path workDir, List<Run> runs) throws IOException, InterruptedException {
        Path fake = workDir.resolve("node_modules/cloudfront");
        Files.createDirectories(fake);
        Files.writeString(fake.resolve("package.json"), "{\"name\":\"cloudfront\",\"type\":\"module\",\"exports\":\"./index.js\"}");
        Files.writeString(fake.resolve("index.js"),
                "export default {\n"
                + "  selectRequestOriginById(id) { globalThis.__selectedOrigins.push(id); },\n"
                + "  kvs(id) { globalThis.__storeIds.push(id); return { async exists(key) { return !globalThis.__undeployed.includes(key); } }; }\n"
                + "};\n");
        try (InputStream in = ViewerRequestRunner.class.getResourceAsStream("viewer-request-harness.mjs")) {
            Files.write(workDir.resolve("harness.mjs"), in.readAllBytes());
        }
        ObjectNode spec = JSON.createObjectNode();
        ArrayNode specRuns = spec.putArray("runs");
        for (int n = 0; n < runs.size(); n++) {
            String module = "router-" + n + ".mjs";
            // CloudFront calls the handler by name; a module needs the export to be called from here.
            Files.writeString(workDir.resolve(module), runs.get(n).code() + "\nexport { handler };\n");
            ObjectNode r = specRuns.addObject().put("module", module);
            ArrayNode undeployed = r.putArray("undeployed");
            runs.get(n).undeployedOrigins().forEach(undeployed::add);
            ArrayNode cases = r.putArray("cases");
            for (Request q : runs.get(n).requests()) {
                ObjectNode c = cases.addObject().put("host", q.host()).put("uri", Route.pathOf(q.target()));
                c.set("querystring", querystring(q.target()));
            }
        }
        Path specFile = workDir.resolve("spec.json");
        JSON.writeValue(specFile.toFile(), spec);
        Process node = new ProcessBuilder("node", "harness.mjs", specFile.toString())
                .directory(workDir.toFile())
                .redirectError(workDir.resolve("node-stderr.txt").toFile())
                .start();
        byte[] out = node.getInputStream().readAllBytes();
        if (!node.waitFor(60, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new IllegalStateException("node did not finish the viewer-request runs within 60 s");
        }
        if (node.exitValue() != 0) {
            throw new IllegalStateException("node exited with " + node.exitValue() + ":\n"
                    + Files.readString(workDir.resolve("node-stderr.txt")));
        }
        JsonNode results = JSON.readTree(new String(out, StandardCharsets.UTF_8));
        List<List<Outcome>> all = new ArrayList<>();
        for (JsonNode run : results) {
            List<Outcome> outcomes = new ArrayList<>();
            for (JsonNode o : run) {
                List<String> selected = new ArrayList<>();
                o.get("selected").forEach(s -> selected.add(s.asText()));
                outcomes.add(new Outcome(selected,
                        o.get("status").isNull() ? Optional.empty() : Optional.of(o.get("status").asInt()),
                        o.get("body").isNull() ? Optional.empty() : Optional.of(o.get("body").asText()),
                        o.get("forwardedHost").isNull() ? Optional.empty() : Optional.of(o.get("forwardedHost").asText()),
                        o.get("container").isNull() ? Optional.empty() : Optional.of(o.get("container").asText()),
                        o.get("uriUnchanged").asBoolean()));
            }
            all.add(outcomes);
        }
        return all;
    }

    /** CloudFront's shape: {@code {name: {value}}}, the query string split from the path. */
    private static ObjectNode querystring(String target) {
        ObjectNode qs = JSON.createObjectNode();
        int q = target.indexOf('?');
        if (q < 0) {
            return qs;
        }
        for (String pair : target.substring(q + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            qs.putObject(name).put("value", eq < 0 ? "" : pair.substring(eq + 1));
        }
        return qs;
    }

    static void requireNode() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("these tests run the CloudFront Function with Node.js, and `node` is not on the PATH"
                    + " (.ci/setup installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("`node --version` failed; these tests run the CloudFront Function with Node.js");
    }
}
