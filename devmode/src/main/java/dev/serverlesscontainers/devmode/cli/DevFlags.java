package dev.serverlesscontainers.devmode.cli;

import dev.serverlesscontainers.devmode.supervisor.SupervisorOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The flags only {@code scf-dev dev} takes, as picocli reads them and {@code --help} shows them; {@link #checked()} makes them {@link DevOptions}. */
final class DevFlags {
    @Option(names = "--debug", description = "Also print each request (route, status, latency), each lifecycle step, every image build's output "
                    + "and every AWS call.")
    boolean debug;

    @Option(names = "--port-proxy", paramLabel = "PORT", defaultValue = "3000",
            description = "Port of the ALB emulator (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int proxyPort;

    @Option(names = "--port-control", paramLabel = "PORT", defaultValue = "3001",
            description = "Port of the control plane and the dashboard, always on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a "
                    + "free one).")
    int controlPort;

    @Option(names = "--runtime", paramLabel = "RUNTIME", defaultValue = RuntimeSelection.AUTO,
            description = "auto, docker or process (default: ${DEFAULT-VALUE}: docker when an engine answers and has, or can pull, "
                    + "the base images; else process).")
    String runtime;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address the ALB emulator listens on (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes it to your network).")
    String host;

    @Option(names = "--start-timeout", paramLabel = "SECONDS", defaultValue = "" + SupervisorOptions.START_TIMEOUT_SECONDS,
            description = "How long a new instance may take to pass its health check (default: ${DEFAULT-VALUE}).")
    int startTimeout;

    @Option(names = "--lambda-max-instances", paramLabel = "N", defaultValue = "" + SupervisorOptions.LAMBDA_MAX_INSTANCES,
            description = "The most execution environments a handler-style awsLambda container runs at once; under concurrent "
                    + "requests, more start up to this many, each taking one request at a time (default: ${DEFAULT-VALUE}).")
    int lambdaMaxInstances;

    @Option(names = "--base-image", paramLabel = "NAME=IMAGE", mapFallbackValue = "",
            description = {"Docker runtime: the image that generated Dockerfiles and mounted apps of NAME (node, python, java, "
                    + "java-build) start from, e.g. on your registry mirror; repeatable (default: env SCF_BASE_IMAGE_NODE, "
                    + "SCF_BASE_IMAGE_PYTHON, SCF_BASE_IMAGE_JAVA, SCF_BASE_IMAGE_JAVA_BUILD, else node:20-slim, python:3.12-slim, "
                    + "eclipse-temurin:21-jre, maven:3.9-eclipse-temurin-21)."})
    Map<String, String> baseImages = new LinkedHashMap<>();

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "Also write every container's log and the request log, uncoloured and with times, to FILE (emptied "
                    + "at start; default: none).")
    Path logFile;

    @Option(names = "--debug-port", paramLabel = "CONTAINER[=PORT]",
            description = {"Start CONTAINER's instances with their language's debugger (Node.js inspector, Python debugpy, "
                    + "Java JDWP) reachable on 127.0.0.1:PORT, which stays the same across reloads; repeatable; all for every "
                    + "container (default port: 9229, then 9230 and on, in the file's order). In Docker the debugger listens in "
                    + "the container, published on 127.0.0.1 only."})
    List<String> debugPorts = new ArrayList<>();

    DevOptions checked() throws DevOptions.Invalid {
        return DevOptions.checked(debug, proxyPort, controlPort, runtime, host, startTimeout, lambdaMaxInstances, baseImages, logFile,
                debugPorts);
    }
}
