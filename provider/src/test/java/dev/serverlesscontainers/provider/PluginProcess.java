package dev.serverlesscontainers.provider;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import pulumirpc.ResourceProviderGrpc;

/**
 * The plugin started as the Pulumi engine starts it: the launcher at the repository root with the
 * engine's logging flags and address, in the program's directory, with the port read from the first
 * line of stdout. Everything it writes is kept, to show when a test fails.
 */
final class PluginProcess implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    final Process process;
    final int port;
    final ManagedChannel channel;
    final ResourceProviderGrpc.ResourceProviderBlockingStub provider;
    private final StringBuffer stdout;
    private final StringBuffer stderr;

    private PluginProcess(Process process, int port, StringBuffer stdout, StringBuffer stderr) {
        this.process = process;
        this.port = port;
        this.stdout = stdout;
        this.stderr = stderr;
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().maxInboundMessageSize(64 * 1024 * 1024).build();
        this.provider = ResourceProviderGrpc.newBlockingStub(channel);
    }

    static Path launcher() {
        return PackageSchemaTest.repository().resolve("pulumi-resource-serverless-containers");
    }

    static Path jar() {
        return PackageSchemaTest.repository().resolve("provider/target/pulumi-resource-serverless-containers.jar");
    }

    /** Starts the launcher in {@code workingDirectory} with only the environment a process needs, plus {@code env}. */
    static PluginProcess start(String engineAddress, Path workingDirectory, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher().toString(), "--logtostderr", "-v=9", "--tracing", "http://127.0.0.1:9/", engineAddress));
        Map<String, String> e = new java.util.HashMap<>(env);
        e.put("SERVERLESS_CONTAINERS_PLUGIN_JAR", jar().toString());
        return start(command, workingDirectory, e, START_TIMEOUT);
    }

    /** Starts a plugin command in {@code workingDirectory} with only the environment a process needs, plus {@code env}. */
    static PluginProcess start(List<String> command, Path workingDirectory, Map<String, String> env, Duration timeout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDirectory.toFile());
        Map<String, String> e = pb.environment();
        e.keySet().retainAll(List.of("PATH", "JAVA_HOME", "HOME", "LANG", "MAVEN_OPTS", "M2_HOME"));
        e.putAll(env);
        Process p = pb.start();
        var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
        StringBuffer err = new StringBuffer();
        pump(new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8)), err);
        String line;
        try {
            line = firstLine.get(timeout.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | InterruptedException | java.util.concurrent.ExecutionException ex) {
            p.destroyForcibly();
            throw new IllegalStateException("the plugin wrote no port within " + timeout + "; stderr:\n" + err, ex);
        }
        if (line == null || !line.matches("\\d+")) {
            p.destroyForcibly();
            throw new IllegalStateException("the plugin's first stdout line is not a port: " + line + "; stderr:\n" + err);
        }
        StringBuffer rest = new StringBuffer();
        pump(out, rest);
        return new PluginProcess(p, Integer.parseInt(line), rest, err);
    }

    /** Everything the plugin wrote on stdout after its port. */
    String stdoutAfterPort() {
        return stdout.toString();
    }

    String stderr() {
        return stderr.toString();
    }

    private static void pump(BufferedReader reader, StringBuffer into) {
        Thread t = new Thread(() -> {
            try {
                String l;
                while ((l = reader.readLine()) != null) {
                    into.append(l).append('\n');
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "plugin-output");
        t.setDaemon(true);
        t.start();
    }

    /** A gRPC server on 127.0.0.1 with an ephemeral port, for the fake engine and monitor. */
    static Server serve(BindableService... services) throws IOException {
        var b = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
        for (BindableService s : services) {
            b.addService(s);
        }
        return b.build().start();
    }

    static String address(Server server) {
        return "127.0.0.1:" + server.getPort();
    }

    static boolean exists() {
        return Files.isRegularFile(jar());
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
