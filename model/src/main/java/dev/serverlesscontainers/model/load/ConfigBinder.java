package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.config.BuildConfig;
import dev.serverlesscontainers.model.config.ComputeType;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.Defaults;
import dev.serverlesscontainers.model.config.DeploymentConfig;
import dev.serverlesscontainers.model.config.DevConfig;
import dev.serverlesscontainers.model.config.IntegrationConfig;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.config.RoutingConfig;

import static dev.serverlesscontainers.model.load.NodeReader.join;

import dev.serverlesscontainers.model.yaml.Location;
import dev.serverlesscontainers.model.yaml.YNode;
import dev.serverlesscontainers.model.yaml.YNode.YMap;
import dev.serverlesscontainers.model.yaml.YNode.YScalar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Binds a resolved document to {@link ProjectConfig}, checking every rule of the file format; the
 * {@code deployment} block, each container's {@code compute} and {@code integrations} have binders of
 * their own.
 */
final class ConfigBinder {
    private static final String DOMAIN_PATTERN = "^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$";
    private static final String ENV_NAME_PATTERN = "^[A-Za-z_][A-Za-z0-9_]*$";
    private static final List<String> LAMBDA_RESERVED_ENV = List.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION",
            "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY",
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT",
            "LAMBDA_RUNTIME_DIR");

    private final NodeReader r;
    private final ComputeBinder computeBinder;
    private final DeploymentBinder deploymentBinder;
    private final IntegrationBinder integrationBinder;
    private final Path projectDir;
    private final String stage;

    ConfigBinder(NodeReader reader, Path projectDir, String stage) {
        this.r = reader;
        this.computeBinder = new ComputeBinder(reader);
        this.deploymentBinder = new DeploymentBinder(reader);
        this.integrationBinder = new IntegrationBinder(reader);
        this.projectDir = projectDir;
        this.stage = stage;
    }

    /** Binds the document; the result is meaningful only when no error was recorded. */
    ProjectConfig bind(YNode rootNode, Path configFile, YMap rawRoot) {
        Optional<YMap> rootMap = r.object(rootNode, "", ConfigObject.ROOT, "containers.<name>");
        if (rootMap.isEmpty()) {
            return null;
        }
        YMap root = rootMap.get();
        String name = name(root);
        serverlessFrameworkKeys(root);
        DeploymentConfig deployment = deploymentBinder.bind(root.get("deployment"));
        stages(rawRoot.get("stages"));
        Map<String, ContainerConfig> containers = new LinkedHashMap<>();
        YNode containersNode = root.get("containers");
        if (containersNode == null) {
            r.problems.error(root, "", "missing required key 'containers' (a map of container name to its src, routing and compute)");
        } else {
            Optional<YMap> m = r.anyMap(containersNode, "containers", "container name to container settings");
            if (m.isPresent() && m.get().entries().isEmpty()) {
                r.problems.error(containersNode, "containers", "define at least one container");
            }
            m.ifPresent(map -> map.entries().values().forEach(e -> container(e).ifPresent(c -> containers.put(c.name(), c))));
            if (m.isEmpty() && NodeReader.isNull(containersNode)) {
                r.problems.error(containersNode, "containers", "define at least one container");
            }
        }
        return new ProjectConfig(configFile, projectDir, name, stage, deployment, containers, List.of(), List.of());
    }

    private String name(YMap root) {
        boolean hasName = root.get("name") != null;
        boolean hasNamespace = root.get("namespace") != null;
        if (hasName && hasNamespace) {
            r.problems.error(root.entries().get("namespace").keyLocation(), "namespace",
                    "set name or namespace, not both (they mean the same)");
        }
        if (!hasName && !hasNamespace) {
            r.problems.error(root, "", "missing required key 'name' (the project name that prefixes every resource, 3-16 characters)");
            return "invalid";
        }
        String key = hasName ? "name" : "namespace";
        Optional<String> value = r.string(root, key, "");
        if (value.isEmpty()) {
            if (!r.unresolved(root.get(key))) {
                r.problems.error(root.get(key), key, "must not be empty");
            }
            return "invalid";
        }
        String n = value.get();
        if (n.length() < Defaults.NAME_MIN_LENGTH || n.length() > Defaults.NAME_MAX_LENGTH || !n.matches(Defaults.NAME_PATTERN)) {
            r.problems.error(root.get(key), key, "must be " + Defaults.NAME_MIN_LENGTH + "-" + Defaults.NAME_MAX_LENGTH
                    + " characters of letters, digits, - and _ (got " + n + ")");
        }
        return n;
    }

    /**
     * {@code org}, {@code app} and {@code frameworkVersion}: Serverless Framework keys SCF files carry
     * (SCF's removal told users to pin {@code frameworkVersion}). Checked for shape, then ignored: they
     * name a Serverless Dashboard organisation and a CLI version, neither of which applies here.
     */
    private void serverlessFrameworkKeys(YMap root) {
        r.string(root, "org", "").filter(org -> !org.matches("^[a-zA-Z0-9_-]+$")).ifPresent(org -> r.problems.error(root.get("org"), "org",
                "may hold only letters, digits, - and _ (got " + org + ")"));
        r.string(root, "app", "");
        r.string(root, "frameworkVersion", "");
    }

    /**
     * {@code stages}: checked for shape only; params are resolved where they are used, and resolvers
     * (Serverless Framework's credentials for its variable providers) are ignored: variables here take
     * AWS credentials from the environment or the AWS profile.
     */
    private void stages(YNode node) {
        Optional<YMap> m = r.anyMap(node, "stages", "stage name to {params, resolvers}");
        m.ifPresent(map -> map.entries().values().forEach(e -> {
            String path = "stages." + e.key();
            r.object(e.value(), path, ConfigObject.STAGE, "").ifPresent(s -> {
                r.anyMap(s.get("params"), path + ".params", "parameter values");
                r.anyMap(s.get("resolvers"), path + ".resolvers", "resolver names to settings");
            });
        }));
    }

    private Optional<ContainerConfig> container(YNode.YEntry entry) {
        String name = entry.key();
        String path = "containers." + name;
        if (name.length() > Defaults.CONTAINER_NAME_MAX_LENGTH || !name.matches(Defaults.CONTAINER_NAME_PATTERN)) {
            String suggestion = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
            r.problems.error(entry.keyLocation(), path, "container names must be DNS-safe: lower-case letters, digits and inner hyphens, "
                    + "at most " + Defaults.CONTAINER_NAME_MAX_LENGTH + " characters (got " + name + "; try " + suggestion + ")");
        }
        Optional<YMap> m = r.object(entry.value(), path, ConfigObject.CONTAINER, path);
        if (m.isEmpty()) {
            if (entry.value() == null || NodeReader.isNull(entry.value())) {
                r.problems.error(entry.keyLocation(), path, "a container needs src and routing");
            }
            return Optional.empty();
        }
        YMap c = m.get();
        r.requireKey(c, "src", path, "the folder with the container's code, relative to this file");
        r.requireKey(c, "routing", path, "at least routing.pathPattern, such as /*");
        Optional<Path> src = src(c, path);
        RoutingConfig routing = routing(c.get("routing"), path);
        ComputeBinder.Bound compute = computeBinder.bind(c.get("compute"), path);
        Map<String, String> environment = environment(c.get("environment"), path, compute.compute().type());
        BuildConfig build = build(c.get("build"), path);
        DevConfig dev = dev(c.get("dev"), path);
        List<IntegrationConfig> integrations = integrationBinder.bind(c.get("integrations"), path);
        if (src.isEmpty() || routing == null) {
            return Optional.empty();
        }
        return Optional.of(new ContainerConfig(name, src.get(), r.string(c, "src", path).orElse(""), routing, environment,
                compute.compute(), compute.iam(), build, dev, integrations, entry.keyLocation()));
    }

    private Optional<Path> src(YMap c, String path) {
        Optional<String> src = r.string(c, "src", path);
        if (src.isEmpty()) {
            return Optional.empty();
        }
        String p = join(path, "src");
        Path resolved = projectDir.resolve(src.get()).normalize();
        if (!Files.exists(resolved)) {
            r.problems.error(c.get("src"), p, "folder " + src.get() + " does not exist (looked for " + resolved + ")");
            return Optional.empty();
        }
        if (!Files.isDirectory(resolved)) {
            r.problems.error(c.get("src"), p, src.get() + " is a file; expected the folder that holds the container's code");
            return Optional.empty();
        }
        try {
            Path real = resolved.toRealPath();
            if (!real.startsWith(projectDir.toRealPath())) {
                r.problems.error(c.get("src"), p, src.get() + " is outside the project folder " + projectDir
                        + "; src must be inside the folder that holds this file");
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException e) {
            r.problems.error(c.get("src"), p, "cannot read folder " + src.get() + " (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    private RoutingConfig routing(YNode node, String containerPath) {
        String path = containerPath + ".routing";
        Optional<YMap> m = r.object(node, path, ConfigObject.ROUTING, containerPath);
        if (m.isEmpty()) {
            return null;
        }
        YMap rt = m.get();
        r.requireKey(rt, "pathPattern", path, "the paths this container serves, such as /* or /api/*");
        Optional<String> pattern = r.string(rt, "pathPattern", path);
        boolean valid = pattern.isPresent();
        if (pattern.isPresent()) {
            String pp = pattern.get();
            if (!pp.matches(Defaults.PATH_PATTERN_REGEX)) {
                String why = pp.startsWith("/") ? "it may not contain spaces, quotes, < > or \\" : "it must start with /";
                r.problems.error(rt.get("pathPattern"), join(path, "pathPattern"), "not a valid path pattern: " + why + " (got " + pp + ")");
                valid = false;
            } else if (pp.length() > Defaults.PATH_PATTERN_MAX_LENGTH) {
                r.problems.error(rt.get("pathPattern"), join(path, "pathPattern"), "longer than the load balancer's limit of "
                        + Defaults.PATH_PATTERN_MAX_LENGTH + " characters (got " + pp.length() + ")");
                valid = false;
            }
        }
        Optional<String> domain = r.string(rt, "domain", path).map(d -> d.toLowerCase(Locale.ROOT));
        if (domain.isPresent()) {
            String d = domain.get().endsWith(".") ? domain.get().substring(0, domain.get().length() - 1) : domain.get();
            domain = Optional.of(d);
            if (d.startsWith("http://") || d.startsWith("https://") || d.contains("/")) {
                r.problems.error(rt.get("domain"), join(path, "domain"), "expected a host name only, without scheme or path (got " + d + ")");
                domain = Optional.empty();
            } else if (d.length() > Defaults.DOMAIN_MAX_LENGTH || !d.matches(DOMAIN_PATTERN)) {
                r.problems.error(rt.get("domain"), join(path, "domain"), "not a valid domain name such as api.example.com or *.example.com (got " + d + ")");
                domain = Optional.empty();
            }
        }
        Optional<String> health = r.string(rt, "pathHealthCheck", path);
        if (health.isPresent() && (!health.get().startsWith("/") || health.get().contains("*") || health.get().contains("?")
                || !health.get().matches("^/[^\\s<>\\\\\"]*$"))) {
            r.problems.error(rt.get("pathHealthCheck"), join(path, "pathHealthCheck"),
                    "expected a plain path starting with /, without wildcards or query (got " + health.get() + ")");
            health = Optional.empty();
            valid = false;
        }
        if (!valid) {
            return null;
        }
        boolean defaulted = health.isEmpty();
        String healthPath = health.orElse(RoutingConfig.defaultHealthCheck(pattern.get()));
        if (defaulted) {
            r.problems.warn(rt.location(), join(path, "pathHealthCheck"), "not set; health checks will request " + healthPath
                    + " (the path pattern's prefix). Set it to a path that answers 200 when the app is ready");
        }
        return new RoutingConfig(domain, pattern.get(), healthPath, defaulted);
    }

    private Map<String, String> environment(YNode node, String containerPath, ComputeType type) {
        String path = containerPath + ".environment";
        Map<String, String> out = new LinkedHashMap<>();
        Optional<YMap> m = r.anyMap(node, path, "variable names to values");
        if (m.isEmpty()) {
            return out;
        }
        for (YNode.YEntry e : m.get().entries().values()) {
            String p = join(path, e.key());
            if (!e.key().matches(ENV_NAME_PATTERN)) {
                r.problems.error(e.keyLocation(), p, "not a valid environment variable name (letters, digits and _, not starting with a digit)");
                continue;
            }
            if (r.unresolved(e.value())) {
                continue;
            }
            if (e.key().equals("PORT")) {
                r.problems.warn(e.keyLocation(), p, "PORT is set for you (" + Defaults.CONTAINER_PORT
                        + " when deployed, a free port in scf-dev); this value is ignored");
                continue;
            }
            if (e.key().startsWith("SERVERLESS_")) {
                r.problems.warn(e.keyLocation(), p, e.key() + " is set for you; this value is ignored");
                continue;
            }
            if (type == ComputeType.AWS_LAMBDA && LAMBDA_RESERVED_ENV.contains(e.key())) {
                r.problems.error(e.keyLocation(), p, e.key() + " is reserved by AWS Lambda and cannot be set on an awsLambda container");
                continue;
            }
            Optional<String> value = r.asEnvironmentText(e.value());
            value.ifPresent(v -> out.put(e.key(), v));
        }
        // Lambda's size limit counts the platform's variables too: AwsLimits checks it on the whole container
        return out;
    }

    private BuildConfig build(YNode node, String containerPath) {
        String path = containerPath + ".build";
        Optional<YMap> m = r.object(node, path, ConfigObject.BUILD, containerPath);
        if (m.isEmpty()) {
            return BuildConfig.defaults();
        }
        Optional<String> dockerFile = r.string(m.get(), "dockerFileString", path);
        Map<String, String> args = new LinkedHashMap<>();
        r.anyMap(m.get().get("args"), join(path, "args"), "build argument names to values").ifPresent(a -> a.entries().values().stream()
                .filter(e -> !r.deferred(e.value(), join(path, "args." + e.key())))
                .forEach(e -> r.asEnvironmentText(e.value()).ifPresent(v -> args.put(e.key(), v))));
        List<String> options;
        YNode opt = m.get().get("options");
        if (opt instanceof YScalar s && s.value() instanceof String text) {
            options = text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
        } else {
            options = r.stringList(m.get(), "options", path);
        }
        return new BuildConfig(dockerFile, args, options);
    }

    private DevConfig dev(YNode node, String containerPath) {
        String path = containerPath + ".dev";
        Optional<YMap> m = r.object(node, path, ConfigObject.DEV, containerPath);
        if (m.isEmpty()) {
            return DevConfig.defaults();
        }
        Optional<String> onReload = r.object(m.get().get("hooks"), join(path, "hooks"), ConfigObject.DEV_HOOKS, containerPath)
                .flatMap(h -> r.string(h, "onreload", join(path, "hooks")));
        Optional<String> watchPath = r.string(m.get(), "watchPath", path);
        if (watchPath.isPresent() && !Files.isDirectory(projectDir.resolve(watchPath.get()))) {
            r.problems.error(m.get().get("watchPath"), join(path, "watchPath"), "folder " + watchPath.get()
                    + " does not exist (looked for " + projectDir.resolve(watchPath.get()).normalize() + ")");
            watchPath = Optional.empty();
        }
        List<String> extensions = r.stringList(m.get(), "watchExtensions", path).stream()
                .map(x -> x.startsWith(".") ? x : "." + x).toList();
        List<String> excluded = r.stringList(m.get(), "excludeDirectories", path);
        Optional<String> command = r.string(m.get(), "command", path);
        if (command.isPresent() && command.get().isBlank()) {
            r.problems.error(m.get().get("command"), join(path, "command"), "must not be empty");
            command = Optional.empty();
        }
        return new DevConfig(onReload, watchPath, extensions, excluded, command);
    }

    static Location locationOf(YNode node) {
        return node == null ? Location.FILE : node.location();
    }
}
