package dev.serverlesscontainers.model.naming;

/**
 * The kinds of named AWS resources, each with the suffix that ends its name, AWS's length limit for
 * that kind, and the characters AWS allows in it.
 */
public enum ResourceKind {
    VPC("vpc", 255, Charset.TAG),
    SUBNET("subnet", 255, Charset.TAG),
    INTERNET_GATEWAY("igw", 255, Charset.TAG),
    ROUTE_TABLE("rt", 255, Charset.TAG),
    /** EC2 refuses group names that start with {@code sg-}, the prefix of group ids. */
    SECURITY_GROUP("sg", 255, Charset.TAG, "sg-"),
    /** Elastic Load Balancing refuses names that start with {@code internal-}, the prefix of internal load balancers' DNS names. */
    LOAD_BALANCER("alb", 32, Charset.ALPHANUMERIC_HYPHEN, "internal-"),
    LISTENER("listener", 255, Charset.TAG),
    LISTENER_RULE("rule", 255, Charset.TAG),
    TARGET_GROUP("tg", 32, Charset.ALPHANUMERIC_HYPHEN),
    ECS_CLUSTER("cluster", 255, Charset.ALPHANUMERIC_HYPHEN_UNDERSCORE),
    /** The cluster's capacity providers (logical name only). */
    ECS_CAPACITY_PROVIDERS("capacity", 255, Charset.TAG),
    ECS_SERVICE("service", 255, Charset.ALPHANUMERIC_HYPHEN_UNDERSCORE),
    TASK_DEFINITION("task", 255, Charset.ALPHANUMERIC_HYPHEN_UNDERSCORE),
    AUTOSCALING_TARGET("scaling", 255, Charset.TAG),
    AUTOSCALING_POLICY("policy", 255, Charset.ALPHANUMERIC_HYPHEN_UNDERSCORE),
    LOG_GROUP("logs", 512, Charset.ALPHANUMERIC_HYPHEN_UNDERSCORE),
    ECR_REPOSITORY("repo", 256, Charset.LOWERCASE),
    IMAGE("image", 255, Charset.TAG),
    LAMBDA_FUNCTION("fn", 64, Charset.ALPHANUMERIC_HYPHEN_UNDERSCORE),
    LAMBDA_URL("url", 255, Charset.TAG),
    LAMBDA_PERMISSION("invoke", 100, Charset.ALPHANUMERIC_HYPHEN_UNDERSCORE),
    /** A one-off invocation of a function (logical name only). */
    LAMBDA_INVOCATION("health-check", 255, Charset.TAG),
    /** The alias CloudFront calls (logical name; its AWS name is fixed per function). */
    LAMBDA_ALIAS("alias", 255, Charset.TAG),
    /** The invocation that deletes a function's old versions once its alias has moved (logical name only). */
    LAMBDA_VERSION_PRUNING("prune-versions", 255, Charset.TAG),
    /** The invocation that waits for a Fargate service's rollout of this deploy's task definition (logical name only). */
    ROLLOUT_WATCH("rollout", 255, Charset.TAG),
    IAM_ROLE("role", 64, Charset.IAM),
    IAM_POLICY("policy", 128, Charset.IAM),
    EXECUTION_ROLE("exec-role", 64, Charset.IAM),
    CLOUDFRONT_DISTRIBUTION("cdn", 255, Charset.TAG),
    CLOUDFRONT_FUNCTION("router", 64, Charset.ALPHANUMERIC_HYPHEN_UNDERSCORE),
    /** The key value store of the origins the distribution has; the routing function reads it. */
    KEY_VALUE_STORE("origins", 64, Charset.ALPHANUMERIC_HYPHEN_UNDERSCORE),
    /** Its keys (logical name only). */
    KEY_VALUE_STORE_KEYS("origin-keys", 255, Charset.TAG),
    /** The CloudFront VPC origin through which the distribution reaches the internal load balancer. */
    VPC_ORIGIN("vpc-origin", 64, Charset.ALPHANUMERIC_HYPHEN_UNDERSCORE),
    ORIGIN_ACCESS_CONTROL("oac", 64, Charset.ALPHANUMERIC_HYPHEN_UNDERSCORE),
    CERTIFICATE("cert", 255, Charset.TAG),
    DNS_RECORD("dns", 255, Charset.TAG),
    ROUTE_TABLE_ASSOCIATION("rta", 255, Charset.TAG),
    SECURITY_GROUP_RULE("sgr", 255, Charset.TAG),
    ECR_LIFECYCLE_POLICY("lifecycle", 255, Charset.TAG),
    IAM_POLICY_ATTACHMENT("attach", 255, Charset.TAG),
    /** SSM parameter names: letters, digits and {@code _ . - /}; 1011 characters without the leading slash. */
    ORIGIN_SECRET("origin-secret", 1011, Charset.ALPHANUMERIC_HYPHEN_UNDERSCORE),
    CERTIFICATE_VALIDATION("cert-validation", 255, Charset.TAG),
    METRIC_ALARM("alarm", 255, Charset.ALPHANUMERIC_HYPHEN_UNDERSCORE),
    /** A Pulumi provider instance (logical name only), such as the us-east-1 one certificates need. */
    PROVIDER("provider", 255, Charset.TAG);

    /** What AWS accepts in names of a kind. */
    public enum Charset {
        /** Tag values (Name tags) and Pulumi logical names: anything printable. */
        TAG,
        /** Load balancers and target groups: letters, digits, hyphens. */
        ALPHANUMERIC_HYPHEN,
        /** Lambda, ECS, CloudFront functions: letters, digits, hyphens, underscores. */
        ALPHANUMERIC_HYPHEN_UNDERSCORE,
        /** ECR repositories: lower-case letters, digits, and single hyphens or underscores between them. */
        LOWERCASE,
        /** IAM: letters, digits and + = , . @ _ - */
        IAM
    }

    private final String suffix;
    private final int maxLength;
    private final Charset charset;
    private final String forbiddenPrefix;

    ResourceKind(String suffix, int maxLength, Charset charset) {
        this(suffix, maxLength, charset, null);
    }

    ResourceKind(String suffix, int maxLength, Charset charset, String forbiddenPrefix) {
        this.suffix = suffix;
        this.maxLength = maxLength;
        this.charset = charset;
        this.forbiddenPrefix = forbiddenPrefix;
    }

    /** A prefix AWS refuses at the start of this kind's names (compared without case), if any. */
    public java.util.Optional<String> forbiddenPrefix() {
        return java.util.Optional.ofNullable(forbiddenPrefix);
    }

    public String suffix() {
        return suffix;
    }

    public int maxLength() {
        return maxLength;
    }

    public Charset charset() {
        return charset;
    }
}
