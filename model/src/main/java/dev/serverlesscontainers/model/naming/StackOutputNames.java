package dev.serverlesscontainers.model.naming;

/**
 * The component's {@code containers} output, a contract with whoever reads the stack's outputs
 * ({@code scf-dev --stack-outputs}, users' scripts): {@code containers.<name>.<key>}. The deploy
 * writes these keys and scf-dev reads them; both take the names from here.
 */
public final class StackOutputNames {
    private StackOutputNames() {}

    /** The output: container name to an object of the keys below. */
    public static final String CONTAINERS = "containers";
    /** Where the container answers. */
    public static final String URL = "url";
    public static final String COMPUTE_TYPE = "computeType";
    public static final String IMAGE_URI = "imageUri";
    /** The container's IAM role, which scf-dev assumes for it. */
    public static final String ROLE_ARN = "roleArn";
    /** Lambda containers: the function URL. */
    public static final String FUNCTION_URL = "functionUrl";
    /** Fargate containers: the ECS service's name. */
    public static final String SERVICE_NAME = "serviceName";
}
