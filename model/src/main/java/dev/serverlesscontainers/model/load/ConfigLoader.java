package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.config.ContainerConfig;

import dev.serverlesscontainers.model.config.Defaults;
import dev.serverlesscontainers.model.config.ProjectConfig;

import dev.serverlesscontainers.model.routing.RoutingTable;
import dev.serverlesscontainers.model.yaml.Location;
import dev.serverlesscontainers.model.yaml.LocatedYamlReader;
import dev.serverlesscontainers.model.yaml.YNode;
import dev.serverlesscontainers.model.yaml.YNode.YMap;
import dev.serverlesscontainers.model.yaml.YamlProblem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Loads {@code serverless.containers.yml} for a stage: reads it (with locations), substitutes
 * variables, binds and validates every key, applies defaults. Any problem makes the load fail with a
 * {@link ConfigException} listing every problem found; a successful load carries its warnings.
 *
 * <p>The environment for {@code ${env:}} comes in as a map: library code never reads the process. A
 * file load adds the values of the {@code .env} file beside the configuration ({@link DotEnv}).
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /**
     * Loads a config file.
     *
     * @param configFile the file, or a folder holding {@value Defaults#CONFIG_FILE_NAME}; shown in messages as given
     * @param stage the stage whose {@code stages.<stage>.params} apply
     * @param environment the variables {@code ${env:NAME}} reads
     */
    public static ProjectConfig load(Path configFile, String stage, Map<String, String> environment) {
        Objects.requireNonNull(configFile, "configFile");
        return load(configFile, configFile.toString(), stage, environment);
    }

    /**
     * Loads a config file that messages name differently than its path: as the user wrote it, when
     * it was resolved against a folder other than the process's own.
     *
     * @param displayName how messages name the file
     */
    public static ProjectConfig load(Path configFile, String displayName, String stage, Map<String, String> environment) {
        return load(configFile, displayName, stage, VariableSources.of(environment));
    }

    /**
     * Loads a config file with every source of variable values given: the environment, command-line
     * options, and how AWS values are found.
     *
     * @param displayName how messages name the file
     */
    public static ProjectConfig load(Path configFile, String displayName, String stage, VariableSources sources) {
        Objects.requireNonNull(configFile, "configFile");
        String display = Objects.requireNonNull(displayName, "displayName");
        try {
            return loadFile(configFile, display, stage, sources);
        } catch (ConfigException e) {
            // whoever waits for an edit that fixes the file needs to know which file to watch
            throw e.sourceFiles().isEmpty() ? e.readFrom(List.of(configFile.toAbsolutePath().normalize())) : e;
        }
    }

    private static ProjectConfig loadFile(Path configFile, String display, String stage, VariableSources sources) {
        if (!Files.exists(configFile)) {
            throw fileProblem(display, "no such file (expected a " + Defaults.CONFIG_FILE_NAME + "; pass its path with --config)");
        }
        if (Files.isDirectory(configFile)) {
            Path inside = configFile.resolve(Defaults.CONFIG_FILE_NAME);
            String hint = Files.isRegularFile(inside) ? " (did you mean " + inside + "?)" : "";
            throw fileProblem(display, "is a folder; expected the path of a " + Defaults.CONFIG_FILE_NAME + " file" + hint);
        }
        String text;
        try {
            long size = Files.size(configFile);
            if (size > Defaults.MAX_CONFIG_BYTES) {
                throw fileProblem(display, "is " + size + " bytes; a config file may be at most " + Defaults.MAX_CONFIG_BYTES + " bytes (1 MiB)");
            }
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(configFile))).toString();
        } catch (CharacterCodingException e) {
            throw fileProblem(display, "is not valid UTF-8 text");
        } catch (IOException e) {
            throw fileProblem(display, "cannot be read (" + e.getMessage() + ")");
        }
        Path projectDir = configFile.toAbsolutePath().normalize().getParent();
        String stageName = stage == null || stage.isBlank() ? Defaults.STAGE : stage;
        List<Path> read = new ArrayList<>();
        read.add(configFile.toAbsolutePath().normalize());
        read.addAll(DotEnv.consulted(projectDir, stageName));
        Map<String, String> environment;
        try {
            environment = DotEnv.withFileValues(projectDir, stageName, sources.environment());
        } catch (IOException e) {
            throw fileProblem(DotEnv.fileFor(projectDir, stageName).map(Path::toString).orElse(DotEnv.FILE_NAME),
                    "cannot be read (" + e.getMessage() + ")").readFrom(read);
        }
        return loadText(text, display, projectDir, stage, sources.withEnvironment(environment), read);
    }

    /**
     * Loads configuration text (YAML, or JSON, which is YAML too).
     *
     * @param displayName how messages name the source, such as the file's path
     * @param projectDir the folder {@code src} paths are relative to
     */
    public static ProjectConfig loadText(String text, String displayName, Path projectDir, String stage, Map<String, String> environment) {
        return loadText(text, displayName, projectDir, stage, VariableSources.of(environment));
    }

    /** Loads configuration text with every source of variable values given. */
    public static ProjectConfig loadText(String text, String displayName, Path projectDir, String stage, VariableSources sources) {
        return loadText(text, displayName, projectDir, stage, sources, List.of());
    }

    /** @param readBefore the files read to get {@code text}: the first of {@link ProjectConfig#sourceFiles()} */
    private static ProjectConfig loadText(String text, String displayName, Path projectDir, String stage, VariableSources sources,
                                          List<Path> readBefore) {
        Set<Path> sourceFiles = new LinkedHashSet<>(readBefore);
        try {
            return bind(text, displayName, projectDir, stage, sources, sourceFiles);
        } catch (ConfigException e) {
            throw e.readFrom(List.copyOf(sourceFiles));
        }
    }

    private static ProjectConfig bind(String text, String displayName, Path projectDir, String stage, VariableSources sources,
                                      Set<Path> sourceFiles) {
        Objects.requireNonNull(sources, "sources");
        Problems problems = new Problems(displayName);
        if (text.length() > Defaults.MAX_CONFIG_BYTES) {
            throw fileProblem(displayName, "is larger than " + Defaults.MAX_CONFIG_BYTES + " bytes (1 MiB)");
        }
        String stageName = stage == null || stage.isBlank() ? Defaults.STAGE : stage;
        if (stageName.length() > Defaults.STAGE_MAX_LENGTH || !stageName.matches(Defaults.STAGE_PATTERN)) {
            problems.error(Location.FILE, "", "stage '" + stageName + "' must be 1-" + Defaults.STAGE_MAX_LENGTH
                    + " characters of letters, digits, - and _");
        }
        LocatedYamlReader.Result parsed = LocatedYamlReader.read(text);
        for (YamlProblem p : parsed.problems()) {
            problems.error(p.location(), p.path(), p.message());
        }
        if (parsed.root().isEmpty() || problems.hasErrors()) {
            throw new ConfigException(problems.sorted());
        }
        YNode rootNode = parsed.root().get();
        if (!(rootNode instanceof YMap rawRoot)) {
            problems.error(rootNode, "", "expected a map with name and containers at the top of the file (got " + rootNode.describe() + ")");
            throw new ConfigException(problems.sorted());
        }
        VariableResolver resolver = new VariableResolver(rawRoot, stageName, sources, projectDir, sourceFiles, problems);
        Map<String, YNode.YEntry> resolvedEntries = new LinkedHashMap<>();
        for (YNode.YEntry e : rawRoot.entries().values()) {
            // stages hold values for every stage, x- keys hold anchors: only what is used gets resolved
            boolean lazy = e.key().equals("stages") || e.key().startsWith(ConfigObject.EXTENSION_PREFIX);
            YNode value = lazy ? e.value() : resolver.resolve(e.value(), e.key());
            resolvedEntries.put(e.key(), new YNode.YEntry(e.key(), e.keyLocation(), value));
        }
        YMap root = new YMap(rawRoot.location(), resolvedEntries);
        ConfigBinder binder = new ConfigBinder(new NodeReader(problems, resolver), projectDir, stageName);
        ProjectConfig config = binder.bind(root, Path.of(displayName), rawRoot);
        if (config != null) {
            checkRoutesAreDistinct(config, problems);
            new AwsLimits(problems, root).check(config);
            warnAboutUnreachableRoutes(config, problems);
        }
        if (problems.hasErrors() || config == null) {
            throw new ConfigException(problems.sorted());
        }
        return new ProjectConfig(config.configFile(), config.projectDir(), config.name(), config.stage(), config.deployment(),
                config.containers(), problems.warnings(), List.copyOf(sourceFiles));
    }

    private static void checkRoutesAreDistinct(ProjectConfig config, Problems problems) {
        for (RoutingTable.Duplicate d : RoutingTable.of(config).duplicates()) {
            ContainerConfig c = config.containers().get(d.route().container());
            ContainerConfig first = config.containers().get(d.first().container());
            String host = c.routing().domain().map(domain -> "domain " + domain + " and ").orElse("");
            problems.error(c.location(), "containers." + c.name() + ".routing", "containers " + first.name() + " (line "
                    + first.location().line() + ") and " + c.name() + " both route " + host + "path pattern "
                    + c.routing().pathPattern() + "; each route must belong to one container");
        }
    }

    private static void warnAboutUnreachableRoutes(ProjectConfig config, Problems problems) {
        for (RoutingTable.Unreachable u : RoutingTable.of(config).unreachable()) {
            ContainerConfig hidden = config.containers().get(u.route().container());
            ContainerConfig winner = config.containers().get(u.takenBy().container());
            if (u.route().hasSameConditionsAs(u.takenBy())) {
                continue; // the same route twice is already an error
            }
            problems.warn(hidden.location(), "containers." + hidden.name() + ".routing", "no request can reach "
                    + u.route().describe() + ": containers." + winner.name() + " (line " + winner.location().line() + ", column "
                    + winner.location().column() + ") routes " + u.takenBy().describe()
                    + ", which matches every such request and comes first (path first, then host, then file order)");
        }
    }

    private static ConfigException fileProblem(String file, String message) {
        return new ConfigException(List.of(new Problem(Problem.Severity.ERROR, file, Location.FILE, "", message)));
    }
}
