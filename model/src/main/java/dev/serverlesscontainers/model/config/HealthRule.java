package dev.serverlesscontainers.model.config;

/**
 * What counts as a healthy answer to {@code routing.pathHealthCheck}, the same for {@code scf-dev}
 * (before it switches traffic to a new instance) and for the deploy (the target group's matcher, the
 * Lambda Web Adapter's readiness check).
 */
public final class HealthRule {
    private HealthRule() {}

    /** {@code awsFargateEcs}: the load balancer's matcher; a redirect counts as healthy, as it does for most apps' "/". */
    public static final int FARGATE_MIN = 200;
    public static final int FARGATE_MAX = 399;
    /** {@code awsLambda}: the Lambda Web Adapter's readiness check, by default any status below 500. */
    public static final int LAMBDA_MIN = 100;
    public static final int LAMBDA_MAX = 499;

    public static boolean healthy(ComputeType type, int status) {
        return type == ComputeType.AWS_LAMBDA ? status >= LAMBDA_MIN && status <= LAMBDA_MAX : status >= FARGATE_MIN && status <= FARGATE_MAX;
    }

    /** The target group health check's matcher, {@code 200-399}. */
    public static String albMatcher() {
        return FARGATE_MIN + "-" + FARGATE_MAX;
    }

    /** "200-399, as the load balancer's health check", for messages. */
    public static String describe(ComputeType type) {
        return type == ComputeType.AWS_LAMBDA ? LAMBDA_MIN + "-" + LAMBDA_MAX + ", as the Lambda Web Adapter's readiness check"
                : albMatcher() + ", as the load balancer's health check";
    }
}
