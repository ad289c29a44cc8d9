package dev.serverlesscontainers.devmode.control;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard: one page and its script and style, plain files in the jar (no build step), served
 * at {@code /}. The page reads the same JSON API and event streams as any client does.
 */
final class Dashboard {
    private Dashboard() {}

    private record File(Buffer content, String type) {}

    private static final Map<String, File> FILES = Map.of(
            "/", load("index.html", "text/html; charset=utf-8"),
            "/dashboard.js", load("dashboard.js", "text/javascript; charset=utf-8"),
            "/dashboard.css", load("dashboard.css", "text/css; charset=utf-8"));

    /**
     * Only this server's own script, style and API; no frames around it (the restart button must not be
     * clickable through another site's page), no plugins, no forms, no base URL.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    static boolean serves(String path) {
        return FILES.containsKey(path);
    }

    static void serve(HttpServerRequest request) {
        File file = FILES.get(request.path());
        request.response().putHeader("content-type", file.type())
                .putHeader("cache-control", "no-store")
                .putHeader("content-security-policy", CONTENT_SECURITY_POLICY)
                .putHeader("x-frame-options", "DENY")
                .putHeader("x-content-type-options", "nosniff")
                .putHeader("referrer-policy", "no-referrer")
                .end(file.content().copy());
    }

    private static File load(String name, String type) {
        try (InputStream in = Dashboard.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard/" + name + " is missing from the jar");
            }
            return new File(Buffer.buffer(in.readAllBytes()), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
