package dev.serverlesscontainers.devmode.docker;

import dev.serverlesscontainers.devmode.threads.DaemonThreads;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import dev.serverlesscontainers.devmode.runtime.AwsVariables;
import dev.serverlesscontainers.devmode.lambda.LambdaVariables;
import dev.serverlesscontainers.devmode.runtime.ContainerRuntime;
import dev.serverlesscontainers.devmode.runtime.Instance;
import dev.serverlesscontainers.devmode.runtime.InstanceSpec;
import dev.serverlesscontainers.devmode.runtime.LogSink;
import dev.serverlesscontainers.devmode.runtime.StartFailure;
import dev.serverlesscontainers.model.config.Compute;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.ContainerEnvironment;
import dev.serverlesscontainers.model.config.Defaults;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.devmode.debug.DebugNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs containers in a Docker engine. Each {@link #start} makes a new container and leaves the ones
 * started before untouched, so that the supervisor can switch traffic to the new one once it is
 * healthy and only then stop the old one. Mounted Node.js and Python apps start from their base
 * image, or from the image of their dependencies; images are built only when what they are built
 * from changed.
 *
 * <p>Owns the engine it is given: {@link #close()} removes every container and the network this
 * runtime made, the images its rebuilds superseded, and closes the engine. Creating a runtime
 * removes the leftovers of earlier runs that died without cleaning up.
 */
public final class DockerRuntime implements ContainerRuntime {
    public static final String NAME = "docker";
    /** Where a container's app is: its {@code src} mounted, or copied by the generated Dockerfile ({@code WORKDIR /app}). */
    public static final String APP_FOLDER = RunPlan.MOUNT_POINT;
    /** How long {@link #close()} gives each app to stop after SIGTERM. */
    static final Duration STOP_GRACE_ON_CLOSE = Duration.ofSeconds(3);
    static final String BUILD_LOG_INSTANCE = "build";

    private final DockerEngine engine;
    private final DockerSettings settings;
    private final Owner owner = Owner.current();
    private final ImageBuilder images;
    private final ContainerLauncher launcher;
    private final LeftoverContainers leftovers;
    /** Whether apps may run from a mounted {@code src}: only when the engine sees this machine's files. */
    private final boolean mountSources;
    private final Set<DockerInstance> running = ConcurrentHashMap.newKeySet();
    private final Standbys standbys;
    /** Per container of a project, the newest image started: the one kept when older builds are removed. */
    private final Map<List<String>, String> newestImage = new ConcurrentHashMap<>();
    private final Map<String, Object> buildLocks = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private String networkName;
    private volatile boolean closed;
    /** With {@code --debug-port}: the containers debugged, and the folder of the debugger helpers their instances mount. */
    private volatile Set<String> debugged = Set.of();
    private volatile Path debugHelpers;
    /** Each running debugged instance's debugger port on this machine, by the instance id its log lines carry. */
    private final Map<String, Integer> debugPorts = new ConcurrentHashMap<>();

    private DockerRuntime(DockerEngine engine, DockerSettings settings, boolean mountSources) {
        this.engine = engine;
        this.settings = settings;
        this.mountSources = mountSources;
        this.images = new ImageBuilder(engine.client());
        this.launcher = new ContainerLauncher(engine.client());
        this.leftovers = new LeftoverContainers(engine.client(), owner);
        this.standbys = new Standbys(engine.client(), settings.notices());
    }

    /** A runtime on this engine, after removing what earlier runs that died left behind. */
    public static DockerRuntime create(DockerEngine engine, DockerSettings settings) {
        return create(engine, settings, engine.sharesFilesWithThisMachine());
    }

    /** As {@link #create(DockerEngine, DockerSettings)}, building every app into an image when {@code mountSources} is false. */
    static DockerRuntime create(DockerEngine engine, DockerSettings settings, boolean mountSources) {
        DockerRuntime runtime = new DockerRuntime(engine, settings, mountSources);
        LeftoverContainers.Removed removed = runtime.leftovers.removeDeadRuns();
        if (!removed.isEmpty()) {
            settings.notices().accept("removed what an earlier scf-dev run left behind: "
                    + describe(removed.containers(), "container") + ", " + describe(removed.networks(), "network")
                    + (removed.images().isEmpty() ? "" : ", " + describe(removed.images(), "superseded image")));
        }
        return runtime;
    }

    private static String describe(List<String> names, String kind) {
        return names.size() + " " + kind + (names.size() == 1 ? "" : "s") + (names.isEmpty() ? "" : " " + names);
    }

    @Override
    public String name() {
        return NAME;
    }

    public String sessionId() {
        return settings.sessionId();
    }

    public DockerEngine engine() {
        return engine;
    }

    @Override
    public Instance start(InstanceSpec spec) throws StartFailure {
        if (closed) {
            throw new StartFailure("the Docker runtime is closed");
        }
        try {
            return startContainer(spec);
        } catch (RuntimeException e) {
            // the engine went away or refused a call mid-way
            throw new StartFailure("container " + spec.container().name() + ": the Docker engine at " + engine.host()
                    + " failed: " + ContainerLauncher.engineMessage(e));
        }
    }

    /** A mounted app runs its dev script when it has one, and reloads itself; a built image runs its production command. */
    @Override
    public boolean reloadsItself(ProjectConfig project, ContainerConfig container) {
        try {
            return RunPlan.of(project.name(), container, settings.baseImages(), mountSources).reloadsItself();
        } catch (StartFailure e) {
            return false;
        }
    }

    private Instance startContainer(InstanceSpec spec) throws StartFailure {
        ProjectConfig project = spec.project();
        ContainerConfig container = spec.container();
        RunPlan plan = RunPlan.of(project.name(), container, settings.baseImages(), mountSources);
        String image = image(project, container, plan, spec.logs());
        List<String> environment = environment(spec, plan);
        String network = network(project);
        DockerInstance instance;
        if (plan instanceof RunPlan.MountedSource mounted) {
            // the image's name stands for its dependencies: the plan of their build is made anew at each start
            Standbys.Key key = new Standbys.Key(image, environment, network, mounted.withoutDependencies());
            instance = standbys.take(container.name(), key).orElse(null);
            if (instance == null) {
                instance = launch(spec, image, environment, network, plan, false);
            }
            standbys.prepare(container.name(), key, () -> launch(spec, image, environment, network, plan, true));
        } else {
            instance = launch(spec, image, environment, network, plan, false);
        }
        return track(instance);
    }

    /**
     * A built image's next instance starts from the sibling's image, not from a build of the files as
     * they are now: during a reload, the version still serving may have to start more execution
     * environments while the new one is built, and they must run its code, not the new code (clients
     * would see the versions alternate). A mounted app runs the files as they are anyway.
     */
    @Override
    public Instance startAnother(Instance sibling, InstanceSpec spec) throws StartFailure {
        if (closed) {
            throw new StartFailure("the Docker runtime is closed");
        }
        try {
            RunPlan plan = RunPlan.of(spec.project().name(), spec.container(), settings.baseImages(), mountSources);
            if (!(sibling instanceof DockerInstance started) || !(plan instanceof RunPlan.BuiltImage)) {
                return startContainer(spec);
            }
            return track(launch(spec, started.image(), environment(spec, plan), network(spec.project()), plan, false));
        } catch (RuntimeException e) {
            throw new StartFailure("container " + spec.container().name() + ": the Docker engine at " + engine.host()
                    + " failed: " + ContainerLauncher.engineMessage(e));
        }
    }

    private DockerInstance track(DockerInstance instance) throws StartFailure {
        running.add(instance);
        if (closed) {
            // close() ran while this one was starting; it must not outlive the runtime
            instance.stop(Duration.ZERO);
            throw new StartFailure("the Docker runtime is closed");
        }
        return instance;
    }

    /** Creates and starts a container and follows its logs and exit. */
    private DockerInstance launch(InstanceSpec spec, String image, List<String> environment, String network, RunPlan plan,
                                  boolean standby) throws StartFailure {
        ProjectConfig project = spec.project();
        ContainerConfig container = spec.container();
        Map<String, String> labels = Labels.container(settings.sessionId(), owner, project.name(), project.stage(), container.name(),
                plan instanceof RunPlan.MountedSource ? "mounted-source" : "built-image");
        Optional<Path> helpers = debugged.contains(container.name()) ? Optional.of(debugHelpers) : Optional.empty();
        ContainerLauncher.Started started = launcher.launch(new ContainerLauncher.Request(containerName(project, container), image,
                labels, environment, network, container.name(), plan, standby, memoryMb(container), helpers));
        String shortId = started.containerId().substring(0, 12);
        // known before its first log line: the debugger's "listening" line is matched to it
        started.debugPort().ifPresent(port -> debugPorts.put(shortId, port));
        DockerInstance instance = new DockerInstance(engine.client(), started.containerId(), image, started.address(),
                new LogLines(spec.logs(), container.name(), shortId), gone -> {
                    running.remove(gone);
                    debugPorts.remove(shortId);
                });
        instance.follow();
        return instance;
    }

    /** Lambda gives a function the memory it is configured with and no more; other containers are not limited here. */
    private static int memoryMb(ContainerConfig container) {
        return container.compute() instanceof Compute.Lambda lambda ? lambda.memory() : 0;
    }

    /**
     * The Runtime API of a Lambda instance listens on the gateway address of the session's own bridge
     * network: containers on that network reach it, the host does, and nothing outside this machine
     * does (the address belongs to a bridge interface that exists only here, unlike 0.0.0.0, which
     * would also answer on the machine's public interfaces). A remote engine's gateway is not an
     * address of this machine, so binding it fails, and the message says so.
     */
    @Override
    public String runtimeApiHost(ProjectConfig project) throws StartFailure {
        String network = network(project);
        try {
            Network inspected = engine.client().inspectNetworkCmd().withNetworkId(network).exec();
            return inspected.getIpam().getConfig().stream().map(Network.Ipam.Config::getGateway)
                    .filter(g -> g != null && g.contains(".")).findFirst()
                    .orElseThrow(() -> new StartFailure("the Docker network " + network + " has no IPv4 gateway for the Lambda Runtime API"));
        } catch (DockerException e) {
            throw new StartFailure("cannot inspect the Docker network " + network + ": " + ContainerLauncher.engineMessage(e));
        }
    }

    /**
     * In a container, a debugger listens on every interface of the container (nothing else shares it) on
     * {@link DebugNetwork#IN_CONTAINER_PORT}, published on this machine's loopback interface only; the relay
     * on the container's stable port reaches the newest instance's published port.
     */
    @Override
    public DebugNetwork debugNetwork(Set<String> containers, Path helpers) {
        debugHelpers = helpers;
        debugged = Set.copyOf(containers);
        return new DebugNetwork() {
            @Override
            public String listenAddress() {
                return "0.0.0.0:" + IN_CONTAINER_PORT;
            }

            @Override
            public String helpers(Path onThisMachine) {
                return ContainerLauncher.DEBUG_HELPERS;
            }

            @Override
            public Optional<Integer> reachable(String instance, int printedPort) {
                return printedPort == IN_CONTAINER_PORT ? Optional.ofNullable(debugPorts.get(instance)) : Optional.empty();
            }
        };
    }

    /** {@code <name>-<stage>-<container>-<session>-<n>}; Docker wants a letter or digit first. */
    private String containerName(ProjectConfig project, ContainerConfig container) {
        String name = project.resourcePrefix() + "-" + container.name() + "-" + settings.sessionId() + "-" + sequence.incrementAndGet();
        return Character.isLetterOrDigit(name.charAt(0)) ? name : "scf" + name;
    }

    private String image(ProjectConfig project, ContainerConfig container, RunPlan plan, LogSink logs) throws StartFailure {
        if (plan instanceof RunPlan.MountedSource mounted) {
            if (mounted.dependencies().isPresent()) {
                return build(project, container, mounted.dependencies().get(), logs);
            }
            images.ensurePresent(container.name(), mounted.image(), mounted.baseVariable());
            return mounted.image();
        }
        return build(project, container, (RunPlan.BuiltImage) plan, logs);
    }

    /** Builds the image unless it exists; it is then the one {@link #close()} keeps of this container's images. */
    private String build(ProjectConfig project, ContainerConfig container, RunPlan.BuiltImage built, LogSink logs) throws StartFailure {
        Consumer<String> echo = settings.debug()
                ? line -> logs.line(container.name(), BUILD_LOG_INSTANCE, LogSink.Stream.STDOUT, line)
                : line -> { };
        // two starts of one container at once would build the same image twice
        synchronized (buildLocks.computeIfAbsent(built.imageName(), k -> new Object())) {
            images.ensure(project.name(), container.name(), built, echo, settings.notices());
        }
        newestImage.put(List.of(project.name(), container.name()), built.imageName());
        return built.imageName();
    }

    /**
     * The container's environment as everywhere: its own variables, then the extra ones (temporary
     * credentials), then the platform's, which always win. Underneath: no instance metadata service
     * (an app without a role must not act as the machine's), mounted apps get their
     * language's unbuffered-output settings, and the init process is told to signal the app's whole
     * process group, so that SIGTERM reaches an app started through {@code npm start} or a shell.
     */
    static List<String> environment(InstanceSpec spec, RunPlan plan) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TINI_KILL_PROCESS_GROUP", "1");
        env.putAll(AwsVariables.CONTAINER_APP_DEFAULTS);
        if (plan instanceof RunPlan.MountedSource mounted) {
            env.putAll(mounted.environment());
        }
        env.putAll(spec.container().environment());
        env.putAll(spec.extraEnvironment());
        env.putAll(ContainerEnvironment.platform(spec.project(), spec.container(), Defaults.CONTAINER_PORT, true));
        if (!spec.lambdaEnvironment().isEmpty() && plan instanceof RunPlan.MountedSource) {
            env.put(LambdaVariables.TASK_ROOT, RunPlan.MOUNT_POINT); // an image (a Lambda base image, say) keeps its own
        }
        env.putAll(spec.lambdaEnvironment());
        List<String> out = new ArrayList<>();
        env.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /** The session's network, made at the first start; a runtime runs one project and stage. */
    private synchronized String network(ProjectConfig project) throws StartFailure {
        if (networkName == null) {
            String name = "scf-dev-" + settings.sessionId();
            try {
                engine.client().createNetworkCmd().withName(name).withLabels(Labels.session(settings.sessionId(), owner, project.name(), project.stage())).exec();
            } catch (DockerException e) {
                throw new StartFailure("cannot create the Docker network " + name + ": " + ContainerLauncher.engineMessage(e));
            }
            networkName = name;
        }
        return networkName;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        standbys.close();
        DaemonThreads.forEachAtOnce(running, instance -> "scf-dev-stop-" + instance.id(), instance -> instance.stop(STOP_GRACE_ON_CLOSE));
        synchronized (this) {
            if (networkName != null) {
                try {
                    engine.client().removeNetworkCmd(networkName).exec();
                } catch (NotFoundException e) {
                    // gone already
                } catch (DockerException e) {
                    settings.notices().accept("could not remove the Docker network " + networkName + ": " + ContainerLauncher.engineMessage(e));
                }
            }
        }
        newestImage.forEach((key, image) -> leftovers.removeSupersededImages(key.get(0), key.get(1), image));
        engine.close();
    }
}
