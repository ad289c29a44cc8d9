package dev.serverlesscontainers.provider;

import com.google.common.collect.ImmutableSet;
import com.pulumi.core.Output;
import com.pulumi.core.internal.OutputData;
import com.pulumi.core.internal.OutputInternal;
import com.pulumi.provider.internal.properties.PropertyValue;
import com.pulumi.resources.DependencyResource;
import com.pulumi.resources.Resource;
import dev.serverlesscontainers.components.InvalidConfigurationException;
import dev.serverlesscontainers.components.ServerlessContainersArgs;
import dev.serverlesscontainers.model.load.Problem;
import dev.serverlesscontainers.model.image.BaseImages;
import dev.serverlesscontainers.model.yaml.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The component's inputs as a program in another language sends them (the schema's
 * {@code inputProperties}), turned into {@link ServerlessContainersArgs}. What decides which resources
 * exist must be known when the program runs; a leaf value of {@code config}, {@code environment} or
 * {@code tags} may be another resource's output, known or not yet (the engine sends it as an output
 * value with its dependencies), and becomes an {@link Output} that keeps them, and its secrecy: the
 * component refuses it, located, where it would decide the structure. What is wrong is reported all at
 * once, each problem naming the input, in the component's located format.
 */
final class ComponentInputs {
    static final String CONFIG_FILE = "configFile";
    static final String CONFIG = "config";
    static final String STAGE = "stage";
    static final String PRODUCTION_STAGES = "productionStages";
    static final String DEV_TRUST_PRINCIPAL_ARNS = "devTrustPrincipalArns";
    static final String TAGS = "tags";
    static final String HOSTED_ZONES = "hostedZones";
    static final String BASE_IMAGES = "baseImages";
    static final String ENVIRONMENT = "environment";

    /** Every input the schema declares, in its order. */
    static final List<String> NAMES = List.of(CONFIG_FILE, CONFIG, STAGE, PRODUCTION_STAGES, DEV_TRUST_PRINCIPAL_ARNS, TAGS,
            HOSTED_ZONES, BASE_IMAGES, ENVIRONMENT);

    private static final String COMPONENT = "ServerlessContainers";

    /** Inputs that, when secret, make everything the component gives its containers secret. */
    private static final Set<String> SECRET_EVERYWHERE = Set.of(CONFIG_FILE, CONFIG, STAGE, ENVIRONMENT);

    private final List<Problem> problems = new ArrayList<>();
    /** Where a secret was unwrapped, as {@link #problem} names inputs ({@code config.containers.api.environment.TOKEN}). */
    private final Set<String> secrets = new TreeSet<>();

    private ComponentInputs() {}

    /**
     * @param environment what {@code ${env:NAME}} reads and base images default from, unless the inputs give {@code environment}
     * @throws InvalidConfigurationException naming every input that is wrong
     */
    static ServerlessContainersArgs decode(Map<String, PropertyValue> inputs, Map<String, String> environment) {
        return new ComponentInputs().read(inputs, environment);
    }

    private ServerlessContainersArgs read(Map<String, PropertyValue> inputs, Map<String, String> environment) {
        var args = ServerlessContainersArgs.builder().environment(environment);
        Map<String, String> env = environment;
        PropertyValue images = null;
        for (var entry : inputs.entrySet()) {
            String name = entry.getKey();
            PropertyValue value = known(name, entry.getValue());
            if (value == null || value.isNull()) {
                if (!NAMES.contains(name)) {
                    unknownInput(name);
                }
                continue;
            }
            switch (name) {
                case CONFIG_FILE -> args.configFile(string(name, value));
                case CONFIG -> {
                    Object config = plain(name, value);
                    if (config instanceof Map<?, ?> map) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> m = (Map<String, Object>) map;
                        args.config(m);
                    } else {
                        problem(name, "expected the structure of serverless.containers.yml (an object), got " + describe(value));
                    }
                }
                case STAGE -> args.stage(string(name, value));
                case PRODUCTION_STAGES -> args.productionStages(strings(name, value));
                case DEV_TRUST_PRINCIPAL_ARNS -> args.devTrustPrincipalArns(strings(name, value));
                case TAGS -> args.tags(stringMap(name, value, args::tag));
                case HOSTED_ZONES -> args.hostedZones(strings(name, value));
                case ENVIRONMENT -> {
                    env = stringMap(name, value, args::environment);
                    args.environment(env);
                }
                case BASE_IMAGES -> images = value; // after the loop: its defaults come from the environment
                default -> unknownInput(name);
            }
        }
        if (images != null) {
            args.baseImages(baseImages(images, BaseImages.from(env)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(new dev.serverlesscontainers.model.load.ConfigException(problems));
        }
        keepSecrets(args);
        return args.build();
    }

    /**
     * The secrets unwrapped, passed on so that the component stores what carries them as secrets: a
     * part of {@code config} by its path in the configuration; a secret {@code configFile}, {@code stage},
     * whole {@code config} or {@code environment} value may reach any container, so all of it is secret.
     */
    private void keepSecrets(ServerlessContainersArgs.Builder args) {
        String inConfig = CONFIG + ".";
        List<String> paths = new ArrayList<>();
        for (String path : secrets) {
            String input = path.split("[.\\[]", 2)[0];
            if (path.startsWith(inConfig)) {
                paths.add(path.substring(inConfig.length()));
            } else if (SECRET_EVERYWHERE.contains(input)) {
                args.secret(true);
            }
        }
        args.secretPaths(paths);
    }

    /** The value, unwrapped from secrets (remembering where) and known outputs; null (after reporting it) when it is not known yet. */
    private PropertyValue known(String name, PropertyValue value) {
        PropertyValue v = value;
        while (true) {
            switch (v.getType()) {
                case SECRET -> {
                    secrets.add(name);
                    v = v.getSecretValue();
                }
                case OUTPUT -> {
                    v = v.getOutputValue().getValue(); // a secret output arrives as a secret around it
                    if (v == null) {
                        v = PropertyValue.COMPUTED;
                    }
                }
                case COMPUTED -> {
                    problem(name, "is not known yet (it is another resource's output); it decides which resources exist, so it must"
                            + " be a plain value known when the program runs (outputs may stand only in environment values,"
                            + " compute.awsIam.customPolicy, stage parameters used there, and the environment and tags inputs' values)");
                    return null;
                }
                default -> {
                    return v;
                }
            }
        }
    }

    private String string(String name, PropertyValue value) {
        if (value.getType() == PropertyValue.ValueType.STRING) {
            return value.getStringValue();
        }
        problem(name, "expected a string, got " + describe(value));
        return null;
    }

    private List<String> strings(String name, PropertyValue value) {
        if (value.getType() != PropertyValue.ValueType.ARRAY) {
            problem(name, "expected a list of strings, got " + describe(value));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        List<PropertyValue> items = value.getArrayValue();
        for (int i = 0; i < items.size(); i++) {
            PropertyValue item = known(name + "[" + i + "]", items.get(i));
            if (item != null) {
                String s = string(name + "[" + i + "]", item);
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** The plain values; each value that is another resource's output goes to {@code outputs} instead. */
    private Map<String, String> stringMap(String name, PropertyValue value, java.util.function.BiConsumer<String, Output<String>> outputs) {
        if (value.getType() != PropertyValue.ValueType.OBJECT) {
            problem(name, "expected a map of strings, got " + describe(value));
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        value.getObjectValue().forEach((k, v) -> {
            Output<String> output = output(name + "." + k, v);
            if (output != null) {
                outputs.accept(k, output);
                return;
            }
            PropertyValue item = known(name + "." + k, v);
            if (item != null) {
                String s = string(name + "." + k, item);
                if (s != null) {
                    out.put(k, s);
                }
            }
        });
        return out;
    }

    private BaseImages baseImages(PropertyValue value, BaseImages defaults) {
        if (value.getType() != PropertyValue.ValueType.OBJECT) {
            problem(BASE_IMAGES, "expected an object with node, python, java, javaBuild and lambdaAdapter, got " + describe(value));
            return defaults;
        }
        Map<String, PropertyValue> given = value.getObjectValue();
        Set<String> names = Set.of("node", "python", "java", "javaBuild", "lambdaAdapter");
        given.keySet().stream().filter(k -> !names.contains(k)).forEach(k -> problem(BASE_IMAGES + "." + k,
                "is not a base image (expected one of " + String.join(", ", new TreeSet<>(names)) + ")"));
        return new BaseImages(
                image(given, "node", defaults.node()),
                image(given, "python", defaults.python()),
                image(given, "java", defaults.java()),
                image(given, "javaBuild", defaults.javaBuild()),
                image(given, "lambdaAdapter", defaults.lambdaAdapter()));
    }

    private String image(Map<String, PropertyValue> given, String key, String fallback) {
        PropertyValue v = given.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        PropertyValue known = known(BASE_IMAGES + "." + key, v);
        String s = known == null ? null : string(BASE_IMAGES + "." + key, known);
        return s == null || s.isBlank() ? fallback : s.trim();
    }

    /**
     * A plain Java value of the structure, as the configuration loader reads it: whole numbers become
     * integers (the wire carries every number as a double), secrets are unwrapped (their paths kept), and the keys of
     * every object are sorted: the wire does not keep their order, and the deploy must not change
     * from one run to the next (containers come in name order, policies serialise the same way).
     */
    private Object plain(String path, PropertyValue value) {
        Output<String> output = output(path, value);
        if (output != null) {
            return output;
        }
        PropertyValue v = known(path, value);
        if (v == null) {
            return null;
        }
        switch (v.getType()) {
            case NULL:
                return null;
            case BOOL:
                return v.getBooleanValue();
            case NUMBER: {
                double d = v.getNumberValue();
                if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
                    return (long) d;
                }
                return d;
            }
            case STRING:
                return v.getStringValue();
            case ARRAY: {
                List<Object> out = new ArrayList<>();
                List<PropertyValue> items = v.getArrayValue();
                for (int i = 0; i < items.size(); i++) {
                    out.add(plain(path + "[" + i + "]", items.get(i)));
                }
                return out;
            }
            case OBJECT: {
                Map<String, Object> out = new TreeMap<>();
                v.getObjectValue().forEach((k, item) -> out.put(k, plain(path + "." + k, item)));
                return out;
            }
            default:
                problem(path, "expected plain data (strings, numbers, booleans, lists, objects), got " + describe(v));
                return null;
        }
    }

    /**
     * The value as an {@link Output} when it is another resource's output that is not known yet, or a
     * text that depends on resources: it keeps those dependencies (the children that use it wait for
     * them) and its secrecy. Null for anything else: a plain value, or an output that holds a structure
     * or a number (taken as its value, as the structure must be known).
     */
    private Output<String> output(String path, PropertyValue value) {
        boolean secret = false;
        Set<String> dependencies = new LinkedHashSet<>();
        PropertyValue v = value;
        while (v != null && (v.getType() == PropertyValue.ValueType.SECRET || v.getType() == PropertyValue.ValueType.OUTPUT)) {
            if (v.getType() == PropertyValue.ValueType.SECRET) {
                secret = true;
                v = v.getSecretValue();
            } else {
                dependencies.addAll(v.getOutputValue().getDependencies());
                v = v.getOutputValue().getValue();
            }
        }
        boolean unknown = v == null || v.getType() == PropertyValue.ValueType.COMPUTED;
        if (!unknown && (dependencies.isEmpty() || v.getType() != PropertyValue.ValueType.STRING)) {
            return null;
        }
        if (secret) {
            secrets.add(path);
        }
        ImmutableSet<Resource> resources = dependencies.stream().map(DependencyResource::new).collect(ImmutableSet.toImmutableSet());
        return new OutputInternal<>(OutputData.ofNullable(resources, unknown ? null : v.getStringValue(), !unknown, secret));
    }

    private void unknownInput(String name) {
        problem(name, "is not an input of ServerlessContainers (expected one of " + String.join(", ", NAMES) + ")");
    }

    private void problem(String path, String message) {
        problems.add(new Problem(Problem.Severity.ERROR, COMPONENT, Location.FILE, path, message));
    }

    private static String describe(PropertyValue v) {
        return switch (v.getType()) {
            case BOOL -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case ASSET -> "an asset";
            case ARCHIVE -> "an archive";
            case RESOURCE -> "a resource reference";
            default -> v.getType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
