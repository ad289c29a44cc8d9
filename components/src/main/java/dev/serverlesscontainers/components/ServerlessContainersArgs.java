package dev.serverlesscontainers.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ResourceArgs;
import dev.serverlesscontainers.model.config.Defaults;
import dev.serverlesscontainers.model.image.BaseImages;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The inputs of {@link ServerlessContainers}. Exactly one of {@code configFile} and {@code config}.
 * What decides which resources exist (the containers, their compute, routing and sizes) must be plain,
 * known when the program runs. Leaf values that do not may be other resources' outputs, known or not
 * yet: a container's environment values and {@code compute.awsIam.customPolicy} (the whole document or
 * any string in it) in {@code config}, stage parameters used only there, what {@code ${env:}} reads
 * ({@link Builder#environment(String, Output)}) and tag values ({@link Builder#tag}). Such an output
 * where the structure is decided is a located error.
 */
public final class ServerlessContainersArgs extends ResourceArgs {
    /** Stages on which {@code devTrustPrincipalArns} is refused, unless {@code productionStages} says otherwise. */
    public static final List<String> DEFAULT_PRODUCTION_STAGES = Defaults.PRODUCTION_STAGES;

    private final Optional<String> configFile;
    private final Optional<Map<String, Object>> config;
    private final Optional<String> stage;
    private final List<String> productionStages;
    private final List<String> devTrustPrincipalArns;
    private final Map<String, String> tags;
    private final List<String> hostedZones;
    private final Optional<BaseImages> baseImages;
    private final Map<String, String> environment;
    private final Map<String, Output<String>> environmentOutputs;
    private final Map<String, Output<String>> tagOutputs;
    private final Path workingDirectory;
    private final boolean secret;
    private final Set<String> secretPaths;

    private ServerlessContainersArgs(Builder b) {
        this.configFile = Optional.ofNullable(b.configFile);
        this.config = Optional.ofNullable(b.config).map(c -> java.util.Collections.unmodifiableMap(new LinkedHashMap<>(c)));
        this.stage = Optional.ofNullable(b.stage).filter(s -> !s.isBlank());
        this.productionStages = List.copyOf(b.productionStages);
        this.devTrustPrincipalArns = List.copyOf(b.devTrustPrincipalArns);
        this.tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.tags));
        this.hostedZones = List.copyOf(b.hostedZones);
        this.baseImages = Optional.ofNullable(b.baseImages);
        this.environment = Map.copyOf(b.environment);
        this.environmentOutputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.environmentOutputs));
        this.tagOutputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.tagOutputs));
        this.workingDirectory = b.workingDirectory.toAbsolutePath().normalize();
        this.secret = b.secret;
        this.secretPaths = Set.copyOf(b.secretPaths);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Path of {@code serverless.containers.yml}, relative to the working directory. */
    public Optional<String> configFile() {
        return configFile;
    }

    /**
     * The configuration inline, the same structure as the file; a leaf that may be another resource's
     * output (see the class) may be an {@link Output}.
     */
    public Optional<Map<String, Object>> config() {
        return config;
    }

    /** The stage; defaults to the stack name. */
    public Optional<String> stage() {
        return stage;
    }

    public List<String> productionStages() {
        return productionStages;
    }

    /** IAM principals allowed to assume the containers' roles for dev mode; refused on production stages. */
    public List<String> devTrustPrincipalArns() {
        return devTrustPrincipalArns;
    }

    /** Tags for every resource that takes tags. */
    public Map<String, String> tags() {
        return tags;
    }

    /** Tags whose values are outputs of other resources; with {@link #tags()}, a tag given in both takes this value. */
    public Map<String, Output<String>> tagOutputs() {
        return tagOutputs;
    }

    /** Route 53 hosted zone names; each custom domain uses the longest one it ends with. */
    public List<String> hostedZones() {
        return hostedZones;
    }

    /** Base images of generated Dockerfiles; by default {@link BaseImages#from} the environment. */
    public Optional<BaseImages> baseImages() {
        return baseImages;
    }

    /** What {@code ${env:NAME}} reads, and where base image overrides come from. */
    public Map<String, String> environment() {
        return environment;
    }

    /** What {@code ${env:NAME}} reads that is another resource's output; it wins over {@link #environment()}. */
    public Map<String, Output<String>> environmentOutputs() {
        return environmentOutputs;
    }

    /** The folder relative paths are resolved from: the Pulumi program's working directory. */
    public Path workingDirectory() {
        return workingDirectory;
    }

    /** Whether the whole configuration is secret: every container's environment and build arguments are. */
    public boolean secret() {
        return secret;
    }

    /** The configuration's parts that are secret, as its messages name them ({@code containers.api.environment.TOKEN}). */
    public Set<String> secretPaths() {
        return secretPaths;
    }

    /**
     * Whether what a container receives (its environment, its build arguments) is stored as a Pulumi
     * secret: the whole configuration is secret, or a secret part is this container's, or it is
     * outside {@code containers} (a name or a stage parameter may reach any container).
     */
    public boolean isSecretFor(String container) {
        return secret || secretPaths.stream().anyMatch(path -> {
            if (path.equals("containers") || !path.startsWith("containers.")) {
                return true;
            }
            String rest = path.substring("containers.".length());
            int end = rest.indexOf('.');
            return (end < 0 ? rest : rest.substring(0, end)).equals(container);
        });
    }

    public static final class Builder {
        private String configFile;
        private Map<String, Object> config;
        private String stage;
        private List<String> productionStages = DEFAULT_PRODUCTION_STAGES;
        private List<String> devTrustPrincipalArns = List.of();
        private Map<String, String> tags = Map.of();
        private List<String> hostedZones = List.of();
        private BaseImages baseImages;
        private Map<String, String> environment = System.getenv();
        private final Map<String, Output<String>> environmentOutputs = new LinkedHashMap<>();
        private final Map<String, Output<String>> tagOutputs = new LinkedHashMap<>();
        private Path workingDirectory = Path.of("");
        private boolean secret;
        private Set<String> secretPaths = Set.of();

        private Builder() {}

        public Builder configFile(String configFile) {
            this.configFile = configFile;
            return this;
        }

        public Builder config(Map<String, Object> config) {
            this.config = config;
            return this;
        }

        public Builder stage(String stage) {
            this.stage = stage;
            return this;
        }

        /** Compared with the stage ignoring case ({@link Defaults#isProductionStage}), as {@code scf-dev --production-stages} does. */
        public Builder productionStages(List<String> productionStages) {
            this.productionStages = Objects.requireNonNull(productionStages, "productionStages");
            return this;
        }

        public Builder devTrustPrincipalArns(List<String> devTrustPrincipalArns) {
            this.devTrustPrincipalArns = Objects.requireNonNull(devTrustPrincipalArns, "devTrustPrincipalArns");
            return this;
        }

        public Builder tags(Map<String, String> tags) {
            this.tags = Objects.requireNonNull(tags, "tags");
            return this;
        }

        /** A tag whose value is another resource's output (known or not yet), on every resource that takes tags. */
        public Builder tag(String key, Output<String> value) {
            this.tagOutputs.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder hostedZones(List<String> hostedZones) {
            this.hostedZones = Objects.requireNonNull(hostedZones, "hostedZones");
            return this;
        }

        public Builder baseImages(BaseImages baseImages) {
            this.baseImages = baseImages;
            return this;
        }

        public Builder environment(Map<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * Lets {@code ${env:NAME}} read another resource's output (a table's name, a bucket's ARN),
         * beside {@link #environment(Map)}. It may stand only in leaf values: environment values and
         * policies; where it would decide the structure, the deploy fails with a located error.
         */
        public Builder environment(String name, Output<String> value) {
            this.environmentOutputs.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder workingDirectory(Path workingDirectory) {
            this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
            return this;
        }

        /**
         * Treats the whole configuration as secret, as when it comes from a secret: the Lambda
         * environments, task definitions and build arguments it feeds are stored as Pulumi secrets.
         */
        public Builder secret(boolean secret) {
            this.secret = secret;
            return this;
        }

        /**
         * Parts of the configuration whose values are secret, as its messages name them
         * ({@code containers.api.environment.TOKEN}); what carries them is stored as a Pulumi secret.
         */
        public Builder secretPaths(Collection<String> secretPaths) {
            this.secretPaths = Set.copyOf(Objects.requireNonNull(secretPaths, "secretPaths"));
            return this;
        }

        public ServerlessContainersArgs build() {
            return new ServerlessContainersArgs(this);
        }
    }
}
