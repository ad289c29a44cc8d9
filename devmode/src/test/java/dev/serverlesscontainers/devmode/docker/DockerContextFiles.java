package dev.serverlesscontainers.devmode.docker;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes Docker CLI contexts the way {@code docker context create} and {@code docker context use} do. */
final class DockerContextFiles {
    private DockerContextFiles() {}

    static void create(Path configDir, String name, String host) throws IOException {
        Path meta = Files.createDirectories(configDir.resolve(Path.of("contexts", "meta", DockerContext.sha256Hex(name))));
        JsonObject json = new JsonObject().put("Name", name).put("Metadata", new JsonObject())
                .put("Endpoints", new JsonObject().put("docker", new JsonObject().put("Host", host).put("SkipTLSVerify", false)));
        Files.writeString(meta.resolve("meta.json"), json.encode());
    }

    /** Creates the context and makes it the current one in {@code config.json}. */
    static void select(Path configDir, String name, String host) throws IOException {
        create(configDir, name, host);
        Files.writeString(configDir.resolve("config.json"), new JsonObject().put("auths", new JsonObject()).put("currentContext", name).encode());
    }
}
