package dev.serverlesscontainers.devmode.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import dev.serverlesscontainers.devmode.runtime.StartFailure;
import dev.serverlesscontainers.model.config.Defaults;
import dev.serverlesscontainers.devmode.debug.DebugNetwork;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates and starts one container: the app's port published on the loopback interface only (on a
 * port the engine picks), an init process as PID 1 so that SIGTERM reaches the app and zombies are
 * reaped, the session's network with the container's name as its alias, and for mounted apps
 * {@code src} read-only at {@code /app}.
 */
final class ContainerLauncher {
    static final String LOOPBACK = "127.0.0.1";

    /** Everything one container is created from. */
    /**
     * @param standby for a mounted app: wait for SIGUSR1 before running its command (see {@link Standbys})
     * @param memoryMb the container's memory limit, without swap ({@code compute.awsLambda.memory}, as Lambda
     *     gives a function no more); 0 for none
     * @param debugHelpers with {@code --debug-port}: the folder of scf-dev's debugger helpers, mounted read-only at
     *     {@link #DEBUG_HELPERS}, and the debugger's port published on the loopback interface
     */
    record Request(String name, String image, Map<String, String> labels, List<String> environment, String network,
            String alias, RunPlan plan, boolean standby, int memoryMb, Optional<Path> debugHelpers) {}

    /** Where a debugged container finds scf-dev's debugger helpers. */
    static final String DEBUG_HELPERS = "/opt/scf-dev-debug";

    private final DockerClient docker;

    ContainerLauncher(DockerClient docker) {
        this.docker = docker;
    }

    /** Creates and starts the container; returns its id and where its port is published. */
    Started launch(Request request) throws StartFailure {
        ExposedPort appPort = ExposedPort.tcp(Defaults.CONTAINER_PORT);
        ExposedPort debugPort = ExposedPort.tcp(DebugNetwork.IN_CONTAINER_PORT);
        List<PortBinding> published = new ArrayList<>(List.of(new PortBinding(Ports.Binding.bindIp(LOOPBACK), appPort)));
        List<ExposedPort> exposed = new ArrayList<>(List.of(appPort));
        List<Bind> binds = new ArrayList<>();
        if (request.debugHelpers().isPresent()) {
            published.add(new PortBinding(Ports.Binding.bindIp(LOOPBACK), debugPort));
            exposed.add(debugPort);
            binds.add(new Bind(request.debugHelpers().get().toString(), new Volume(DEBUG_HELPERS), AccessMode.ro));
        }
        HostConfig host = HostConfig.newHostConfig()
                .withPortBindings(published)
                .withInit(true)
                .withNetworkMode(request.network());
        if (request.memoryMb() > 0) {
            long bytes = request.memoryMb() * 1024L * 1024L;
            host.withMemory(bytes).withMemorySwap(bytes);
        }
        CreateContainerCmd create = docker.createContainerCmd(request.image())
                .withName(request.name())
                .withLabels(request.labels())
                .withEnv(request.environment())
                .withExposedPorts(exposed)
                .withAliases(request.alias());
        if (request.plan() instanceof RunPlan.MountedSource mounted) {
            binds.add(new Bind(mounted.src().toString(), new Volume(RunPlan.MOUNT_POINT), AccessMode.ro));
            create.withWorkingDir(RunPlan.MOUNT_POINT).withCmd(request.standby()
                    ? List.of("sh", "-c", Standbys.WAITER, mounted.command()) : List.of("sh", "-c", mounted.command()));
        }
        host.withBinds(binds);
        String id;
        try {
            id = create.withHostConfig(host).exec().getId();
        } catch (DockerException e) {
            throw new StartFailure("cannot create container " + request.name() + " from " + request.image() + ": " + engineMessage(e));
        }
        try {
            docker.startContainerCmd(id).exec();
            InspectContainerResponse inspected = docker.inspectContainerCmd(id).exec();
            return new Started(id, publishedAddress(inspected, appPort), request.debugHelpers().isPresent()
                    ? Optional.of(publishedAddress(inspected, debugPort).getPort()) : Optional.empty());
        } catch (DockerException | IllegalStateException e) {
            remove(id);
            throw new StartFailure("cannot start container " + request.name() + ": " + engineMessage(e));
        }
    }

    /** @param debugPort where on this machine the debugger's port is published, with {@code --debug-port} */
    record Started(String containerId, InetSocketAddress address, Optional<Integer> debugPort) {}

    private static InetSocketAddress publishedAddress(InspectContainerResponse container, ExposedPort port) {
        Ports.Binding[] bindings = container.getNetworkSettings().getPorts().getBindings().get(port);
        if (bindings == null || bindings.length == 0) {
            throw new IllegalStateException("the engine published no port for " + port);
        }
        return new InetSocketAddress(LOOPBACK, Integer.parseInt(bindings[0].getHostPortSpec()));
    }

    private void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // gone already
        }
    }

    /** The engine's own explanation, without the client's HTTP status prefix. */
    static String engineMessage(RuntimeException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int json = message.indexOf("{\"message\":\"");
        if (json >= 0) {
            String inner = message.substring(json + 12);
            int end = inner.lastIndexOf("\"}");
            return (end >= 0 ? inner.substring(0, end) : inner).replace("\\\"", "\"").trim();
        }
        return message.trim();
    }
}
