package dev.serverlesscontainers.model.config;

import java.util.List;

/**
 * Every default and limit of the configuration, named once. The README's configuration table and the
 * JSON Schema state the same values; tests keep them in step.
 */
public final class Defaults {
    private Defaults() {}

    /** Config file looked for when none is named. */
    public static final String CONFIG_FILE_NAME = "serverless.containers.yml";
    /** Stage used when none is given. */
    public static final String STAGE = "dev";
    /** The largest config file read. */
    public static final long MAX_CONFIG_BYTES = 1024 * 1024;

    public static final int NAME_MIN_LENGTH = 3;
    public static final int NAME_MAX_LENGTH = 16;
    public static final String NAME_PATTERN = "^[a-zA-Z0-9_-]+$";
    public static final int STAGE_MAX_LENGTH = 16;
    public static final String STAGE_PATTERN = "^[a-zA-Z0-9_-]+$";
    /** Container names appear in DNS-like resource names: lower-case letters, digits and inner hyphens. */
    public static final String CONTAINER_NAME_PATTERN = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
    public static final int CONTAINER_NAME_MAX_LENGTH = 63;

    /** ALB path patterns: start with a slash, no white space, quotes, angle brackets or backslashes. */
    public static final String PATH_PATTERN_REGEX = "^/[^\\s<>\\\\\"]*$";
    /** ALB limit on a path-pattern value. */
    public static final int PATH_PATTERN_MAX_LENGTH = 128;
    /** ALB limit on a host-header value. */
    public static final int DOMAIN_MAX_LENGTH = 128;

    /** The port apps listen on in deployed containers (and inside dev-mode Docker containers). */
    public static final int CONTAINER_PORT = 8080;

    public static final int LAMBDA_MEMORY = 1024;
    public static final int LAMBDA_MEMORY_MIN = 128;
    public static final int LAMBDA_MEMORY_MAX = 10240;
    public static final int LAMBDA_TIMEOUT = 6;
    public static final int LAMBDA_TIMEOUT_MIN = 1;
    public static final int LAMBDA_TIMEOUT_MAX = 900;
    /**
     * {@code compute.awsLambda.streaming} (our extension): whether the function URL streams responses
     * ({@code invokeMode: RESPONSE_STREAM}); off, as for a function URL created without it (BUFFERED).
     */
    public static final boolean LAMBDA_STREAMING = false;
    /** Lambda's limit on all environment variable names and values together, in bytes. */
    public static final int LAMBDA_ENVIRONMENT_MAX_BYTES = 4096;

    /** How long CloudFront waits for an origin's response: its limit without a quota increase. */
    public static final int CLOUDFRONT_ORIGIN_READ_TIMEOUT = 60;
    /**
     * The Lambda timeout below which a JVM app gets a warning: it may need 10-30 s to start, and what
     * Lambda's 10 s init leaves of that is waited for in the first request.
     */
    public static final int JVM_LAMBDA_MIN_TIMEOUT = 30;
    /** CloudFront's quota of origins per distribution; the deploy makes one per container. */
    public static final int CLOUDFRONT_MAX_ORIGINS = 100;
    /** Elastic Load Balancing's quotas per load balancer; the deploy makes one rule and one target group per Fargate container. */
    public static final int ALB_MAX_RULES = 100;
    public static final int ALB_MAX_TARGET_GROUPS = 100;

    public static final int FARGATE_CPU = 256;
    public static final int FARGATE_MEMORY = 512;
    /** Tasks a Fargate service runs when no scale setting says otherwise. */
    public static final int FARGATE_DESIRED = 1;
    /**
     * {@code compute.awsFargateEcs.spot}: tasks run on regular Fargate unless the user opts into Fargate
     * Spot, which costs less but may stop a task at two minutes' notice.
     */
    public static final boolean FARGATE_SPOT = false;

    /** Images an ECR repository of the stack keeps (its lifecycle policy expires older ones). */
    public static final int ECR_IMAGES_KEPT = 10;
    /**
     * {@code deployment.awsLambda.versionsToKeep} (our extension): published versions each Lambda
     * function keeps, the live one and four to roll back to.
     */
    public static final int LAMBDA_VERSIONS_TO_KEEP = 5;
    /** {@code versionsToKeep} that turns pruning off: no pruner function, role or invocations. */
    public static final int LAMBDA_VERSIONS_KEEP_ALL = 0;
    /** The fewest versions a pruned function keeps: the live one and one to roll back to. */
    public static final int LAMBDA_VERSIONS_TO_KEEP_MIN = 2;
    /** The most: a version older than the repository's kept images has no image left to roll back to. */
    public static final int LAMBDA_VERSIONS_TO_KEEP_MAX = ECR_IMAGES_KEPT;
    /**
     * {@code deployment.awsFargateEcs.rolloutWatcher} (our extension): the deploy waits for each Fargate
     * rollout with the stack's watcher function, which fails it with the stopped tasks' reasons; off, it
     * waits with the provider's wait for a steady state and the stack creates no IAM role for it.
     */
    public static final boolean FARGATE_ROLLOUT_WATCHER = true;

    public static final int TARGET_VALUE = 70;
    public static final int STEP_COOLDOWN = 60;
    public static final String STEP_METRIC_AGGREGATION = "Average";
    public static final int COOLDOWN_MAX = 3600;

    /** Folders the dev-mode watcher never descends into. */
    public static final List<String> ALWAYS_EXCLUDED_DIRECTORIES =
            List.of(".git", "node_modules", "__pycache__", ".venv", "venv", "target", "build", "dist", ".idea", ".vscode");

    /** IAM policy language version added when a custom policy has none. */
    public static final String IAM_POLICY_VERSION = "2012-10-17";

    /**
     * Stages treated as production when the user names none: the component never lets developers
     * assume their roles ({@code devTrustPrincipalArns} is refused there), and {@code scf-dev} does not
     * try to.
     */
    public static final List<String> PRODUCTION_STAGES = List.of("prod", "production");

    /**
     * Whether {@code stage} is one of {@code productionStages}: the one rule for the component's
     * {@code productionStages} and {@code scf-dev --production-stages}. Case-insensitive, since stage
     * names may be mixed case and calling {@code Prod} a production stage is the safe mistake: it only
     * withholds developer access, never grants it.
     */
    public static boolean isProductionStage(String stage, List<String> productionStages) {
        return productionStages.stream().anyMatch(stage::equalsIgnoreCase);
    }
}
