package dev.serverlesscontainers.devmode.docker;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.net.URI;

/**
 * A Docker engine that answered, and the client that talks to it, speaking the API version the engine
 * reports. {@link DockerDiscovery} finds it.
 */
public final class DockerEngine implements AutoCloseable {
    private final DockerClient client;
    private final String host;
    private final String source;
    private final String serverVersion;
    private final String apiVersion;

    DockerEngine(DockerClient client, String host, String source, String serverVersion, String apiVersion) {
        this.client = client;
        this.host = host;
        this.source = source;
        this.serverVersion = serverVersion;
        this.apiVersion = apiVersion;
    }

    DockerClient client() {
        return client;
    }

    /** Where the engine was found: {@code unix:///var/run/docker.sock}. */
    public String host() {
        return host;
    }

    /** The engine's version, as it reports it. */
    public String serverVersion() {
        return serverVersion;
    }

    /** The API version the client speaks to it. */
    public String apiVersion() {
        return apiVersion;
    }

    /**
     * Whether the engine sees this machine's files, so that {@code src} can be mounted into
     * containers: a Unix socket, or TCP on the loopback interface.
     */
    public boolean sharesFilesWithThisMachine() {
        URI uri = URI.create(host);
        if ("unix".equals(uri.getScheme()) || "npipe".equals(uri.getScheme())) {
            return true;
        }
        String h = uri.getHost();
        return h != null && (h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1"));
    }

    /** {@code 20.10.24 (API 1.41) at unix:///var/run/docker.sock (the default socket)}. */
    public String describe() {
        return serverVersion + " (API " + apiVersion + ") at " + host + " (" + source + ")";
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // the connection pool is going away with this engine either way
        }
    }
}
