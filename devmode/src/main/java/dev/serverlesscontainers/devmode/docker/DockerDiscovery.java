package dev.serverlesscontainers.devmode.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a Docker engine is found: {@link #probe(Map)} tries the
 * ways the {@code docker} command finds one: {@code DOCKER_HOST} (with {@code DOCKER_TLS_VERIFY} and
 * {@code DOCKER_CERT_PATH} for TCP) when it is set, and then only there, as the {@code docker} command
 * does, so that an engine named on purpose is never silently swapped for another; otherwise the
 * endpoint of the Docker CLI's context ({@link DockerContext}: {@code DOCKER_CONTEXT}, again the only
 * way tried, or the current context of {@code config.json}), then the default socket, the rootless
 * engine's socket under {@code XDG_RUNTIME_DIR} and Docker Desktop's {@code ~/.docker/run/docker.sock}.
 * The client speaks the API version the engine reports (capped at the newest this client knows), so
 * older engines such as Docker 20.10 (API 1.41) accept every call.
 */
public final class DockerDiscovery {
    private DockerDiscovery() {}

    public static final String DEFAULT_SOCKET = "unix:///var/run/docker.sock";
    /** The newest API version the client's request shapes are known for. */
    static final RemoteApiVersion NEWEST_KNOWN_API = RemoteApiVersion.VERSION_1_44;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * One way to reach an engine, and where that way came from (for messages).
     *
     * @param unusableBecause why this way cannot even be tried (a context without an endpoint), or null
     */
    record Candidate(String host, String source, String unusableBecause) {
        Candidate(String host, String source) {
            this(host, source, null);
        }

        static Candidate of(DockerContext context) {
            return context.host().map(host -> new Candidate(host, context.source()))
                    .orElseGet(() -> new Candidate("", context.source(), context.problem()));
        }

        String describe() {
            return unusableBecause == null ? host + " (" + source + ")" : source;
        }
    }

    /**
     * The outcome of a probe: a connected engine, or none; either way every way that was tried and
     * what each one answered.
     *
     * @param advice what to do when no engine answered
     */
    public record Probe(Optional<DockerEngine> engine, List<String> attempts, String advice) {
        public Probe {
            attempts = List.copyOf(attempts);
        }

        /** For a user: "no Docker engine answers; tried: ..." with one line per way tried. */
        public String diagnosis() {
            StringBuilder b = new StringBuilder(engine.isPresent()
                    ? "Docker engine " + engine.get().describe() + "; tried:"
                    : "no Docker engine answers; tried:");
            attempts.forEach(a -> b.append("\n  - ").append(a));
            if (engine.isEmpty()) {
                b.append("\n").append(advice);
            }
            return b.toString();
        }
    }

    /** Tries each way to reach an engine in turn and keeps the first that answers. */
    public static Probe probe(Map<String, String> environment) {
        return probe(environment, candidates(environment));
    }

    /**
     * The engine, or a {@link DockerUnavailable} whose message lists every way tried.
     */
    public static DockerEngine connect(Map<String, String> environment) throws DockerUnavailable {
        Probe probe = probe(environment);
        return probe.engine().orElseThrow(() -> new DockerUnavailable(probe.diagnosis()));
    }

    static List<Candidate> candidates(Map<String, String> environment) {
        List<Candidate> out = new ArrayList<>();
        if (dockerHost(environment).isPresent()) {
            out.add(new Candidate(dockerHost(environment).get(), "DOCKER_HOST"));
            return out;
        }
        Optional<DockerContext> context = DockerContext.selected(environment);
        if (context.isPresent()) {
            out.add(Candidate.of(context.get()));
            if (context.get().fromEnvironment()) {
                return out;
            }
        }
        out.add(new Candidate(DEFAULT_SOCKET, "the default socket"));
        String runtimeDir = environment.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            out.add(new Candidate("unix://" + Path.of(runtimeDir, "docker.sock"), "the rootless engine's socket (XDG_RUNTIME_DIR)"));
        }
        out.add(new Candidate("unix://" + DockerContext.home(environment).resolve(Path.of(".docker", "run", "docker.sock")),
                "Docker Desktop's socket"));
        return out;
    }

    private static Optional<String> dockerHost(Map<String, String> environment) {
        String v = environment.get("DOCKER_HOST");
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    static Probe probe(Map<String, String> environment, List<Candidate> candidates) {
        String advice = advice(environment);
        List<String> attempts = new ArrayList<>();
        for (Candidate candidate : candidates) {
            String tried = candidate.describe();
            if (candidate.unusableBecause() != null) {
                attempts.add(tried + ": " + candidate.unusableBecause());
                continue;
            }
            try {
                DockerEngine engine = connectTo(candidate, environment);
                attempts.add(tried + ": Docker " + engine.serverVersion() + ", API " + engine.apiVersion());
                return new Probe(Optional.of(engine), attempts, advice);
            } catch (RuntimeException e) {
                attempts.add(tried + ": " + reason(e));
            }
        }
        return new Probe(Optional.empty(), attempts, advice);
    }

    private static String advice(Map<String, String> environment) {
        if (dockerHost(environment).isPresent()) {
            return "DOCKER_HOST is set, so no other way was tried (as with the docker command): start the engine it names, "
                    + "or unset DOCKER_HOST to use the local engine.";
        }
        if (DockerContext.selected(environment).filter(DockerContext::fromEnvironment).isPresent()) {
            return "DOCKER_CONTEXT is set, so no other way was tried (as with the docker command): start the engine of that context, "
                    + "or unset DOCKER_CONTEXT.";
        }
        return "Start Docker (as root: dockerd, or systemctl start docker; or Docker Desktop, Colima, OrbStack), "
                + "select its context (docker context use NAME), or set DOCKER_HOST to an engine that runs.";
    }

    private static DockerEngine connectTo(Candidate candidate, Map<String, String> environment) {
        URI uri = URI.create(candidate.host());
        if ("unix".equals(uri.getScheme()) && !java.nio.file.Files.exists(Path.of(uri.getPath()))) {
            throw new IllegalStateException("no such socket");
        }
        Version version;
        try (DockerClient probing = client(candidate.host(), environment, RemoteApiVersion.UNKNOWN_VERSION, PROBE_TIMEOUT)) {
            probing.pingCmd().exec();
            version = probing.versionCmd().exec();
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        RemoteApiVersion api = chooseApiVersion(version.getApiVersion(), version.getMinAPIVersion());
        DockerClient client = client(candidate.host(), environment, api, null);
        return new DockerEngine(client, candidate.host(), candidate.source(), version.getVersion(), api.getVersion());
    }

    /** The engine's own API version, or the newest this client knows when the engine is newer. */
    static RemoteApiVersion chooseApiVersion(String engineApi, String engineMinApi) {
        RemoteApiVersion engine = RemoteApiVersion.parseConfig(engineApi);
        if (engine.isGreater(NEWEST_KNOWN_API)) {
            RemoteApiVersion min = engineMinApi == null ? NEWEST_KNOWN_API : RemoteApiVersion.parseConfig(engineMinApi);
            if (min.isGreater(NEWEST_KNOWN_API)) {
                throw new IllegalStateException("the engine speaks API " + engineMinApi + " to " + engineApi
                        + " but this client at most " + NEWEST_KNOWN_API.getVersion());
            }
            return NEWEST_KNOWN_API;
        }
        return engine;
    }

    private static DockerClient client(String host, Map<String, String> environment, RemoteApiVersion api, Duration responseTimeout) {
        Path home = DockerContext.home(environment);
        DefaultDockerClientConfig.Builder config = new DefaultDockerClientConfig.Builder()
                .withDockerHost(host)
                .withDockerConfig(DockerContext.configDir(environment).toString())
                .withApiVersion(api);
        if (host.startsWith("tcp:")) {
            config.withDockerTlsVerify(environment.get("DOCKER_TLS_VERIFY"))
                    .withDockerCertPath(environment.getOrDefault("DOCKER_CERT_PATH", home.resolve(".docker").toString()));
        } else {
            config.withDockerTlsVerify(false);
        }
        DefaultDockerClientConfig built = config.build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(built.getDockerHost())
                .sslConfig(built.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT)
                .responseTimeout(responseTimeout)
                .build();
        return DockerClientImpl.getInstance(built, http);
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message).trim();
    }
}
