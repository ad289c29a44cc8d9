package dev.serverlesscontainers.components;

/** Every fixed setting of the deployed architecture, named once; the README states the same values. */
final class DeployDefaults {
    private DeployDefaults() {}

    /** How long CloudWatch keeps container logs. */
    static final int LOG_RETENTION_DAYS = 30;

    /** Health checks of Fargate targets: every 15 s, healthy after 2 answers in 200-399, unhealthy after 3 misses. */
    static final int HEALTH_CHECK_INTERVAL_SECONDS = 15;
    static final int HEALTH_CHECK_TIMEOUT_SECONDS = 5;
    static final int HEALTHY_THRESHOLD = 2;
    static final int UNHEALTHY_THRESHOLD = 3;
    static final String HEALTH_CHECK_MATCHER = dev.serverlesscontainers.model.config.HealthRule.albMatcher();
    /** How long a stopping task keeps its in-flight requests. */
    static final int DEREGISTRATION_DELAY_SECONDS = 30;
    /** Time a new task gets before failing health checks count. */
    static final int HEALTH_CHECK_GRACE_PERIOD_SECONDS = 30;

    /**
     * Without the rollout watcher, how long the deploy waits for a new Fargate service to become steady
     * before it fails. The provider's wait looks only at the number of deployments and running tasks:
     * when the first deployment's tasks never become healthy, the circuit breaker marks it failed and
     * stops launching tasks (there is nothing to roll back to), and the wait goes on until the create
     * timeout, 20 minutes by default. A healthy service is steady within a few minutes (Fargate starts a
     * task in about one, a large image takes one or two more to pull, then the grace period and two
     * passing checks); this bound leaves room for that and fails the deploy in half the default time.
     */
    static final java.time.Duration NEW_SERVICE_WAIT = java.time.Duration.ofMinutes(10);

    /** Rolling deployments: every old task serves until a new one is healthy. */
    static final int MINIMUM_HEALTHY_PERCENT = 100;
    static final int MAXIMUM_PERCENT = 200;

    /** How long CloudFront waits for an origin's response (its limit without a quota increase). */
    static final int ORIGIN_READ_TIMEOUT_SECONDS = dev.serverlesscontainers.model.config.Defaults.CLOUDFRONT_ORIGIN_READ_TIMEOUT;

    /** The header CloudFront adds to requests for the load balancer; its listener rules require it. */
    static final String ORIGIN_SECRET_HEADER = "x-scf-origin-verify";
}
