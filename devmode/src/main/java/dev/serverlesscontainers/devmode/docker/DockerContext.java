package dev.serverlesscontainers.devmode.docker;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The Docker CLI context in use, read as the {@code docker} command reads it: {@code DOCKER_CONTEXT},
 * else {@code currentContext} in {@code config.json} of the config directory ({@code DOCKER_CONFIG},
 * else {@code ~/.docker}); its endpoint is in {@code contexts/meta/<sha256 of the name>/meta.json} of
 * that directory. Docker Desktop, Colima and OrbStack select their engine this way.
 *
 * @param name the context's name
 * @param origin where the name came from ({@code DOCKER_CONTEXT}, or the config file)
 * @param host the endpoint, or empty when the context cannot be used
 * @param problem why the context cannot be used, when {@code host} is empty
 */
record DockerContext(String name, String origin, Optional<String> host, String problem) {
    /** The name of the context that means "no context": the default socket or {@code DOCKER_HOST}. */
    static final String DEFAULT = "default";

    /** The context selected in {@code environment} (with {@code HOME}), if any other than {@code default}. */
    static Optional<DockerContext> selected(Map<String, String> environment) {
        Path configDir = configDir(environment);
        String fromEnvironment = environment.get("DOCKER_CONTEXT");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return resolve(fromEnvironment.trim(), "DOCKER_CONTEXT", configDir);
        }
        Path configFile = configDir.resolve("config.json");
        String current;
        try {
            current = new JsonObject(Files.readString(configFile, StandardCharsets.UTF_8)).getString("currentContext");
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | DecodeException | ClassCastException e) {
            return Optional.of(unusable("?", configFile.toString(), "cannot read the current context: " + firstLine(e)));
        }
        return current == null || current.isBlank() ? Optional.empty() : resolve(current.trim(), configFile.toString(), configDir);
    }

    /** {@code DOCKER_CONFIG}, else {@code ~/.docker}. */
    static Path configDir(Map<String, String> environment) {
        String dockerConfig = environment.get("DOCKER_CONFIG");
        return dockerConfig != null && !dockerConfig.isBlank() ? Path.of(dockerConfig.trim()) : home(environment).resolve(".docker");
    }

    static Path home(Map<String, String> environment) {
        return Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")));
    }

    /** Whether the name came from {@code DOCKER_CONTEXT}: chosen for this command, so nothing else is tried. */
    boolean fromEnvironment() {
        return origin.equals("DOCKER_CONTEXT");
    }

    /** For messages: {@code context "colima" (DOCKER_CONTEXT)}. */
    String source() {
        return "context \"" + name + "\" (" + origin + ")";
    }

    private static Optional<DockerContext> resolve(String name, String origin, Path configDir) {
        if (name.equals(DEFAULT)) {
            return Optional.empty();
        }
        Path meta = configDir.resolve(Path.of("contexts", "meta", sha256Hex(name), "meta.json"));
        try {
            JsonObject endpoints = new JsonObject(Files.readString(meta, StandardCharsets.UTF_8)).getJsonObject("Endpoints");
            JsonObject docker = endpoints == null ? null : endpoints.getJsonObject("docker");
            String host = docker == null ? null : docker.getString("Host");
            if (host == null || host.isBlank()) {
                return Optional.of(unusable(name, origin, meta + " names no Endpoints.docker.Host"));
            }
            return Optional.of(new DockerContext(name, origin, Optional.of(host.trim()), ""));
        } catch (NoSuchFileException e) {
            return Optional.of(unusable(name, origin, "no such context (" + meta + " does not exist)"));
        } catch (IOException | DecodeException | ClassCastException e) {
            return Optional.of(unusable(name, origin, "cannot read " + meta + ": " + firstLine(e)));
        }
    }

    private static DockerContext unusable(String name, String origin, String problem) {
        return new DockerContext(name, origin, Optional.empty(), problem);
    }

    static String sha256Hex(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message).trim();
    }
}
