package dev.serverlesscontainers.devmode.runtime;

import java.util.List;
import java.util.Map;

/** The environment variables AWS SDKs and tools read, named once. */
public final class AwsVariables {
    private AwsVariables() {}

    public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";
    /** When the injected credentials expire (ISO-8601); the JavaScript SDK and aws-vault read it. */
    public static final String CREDENTIAL_EXPIRATION = "AWS_CREDENTIAL_EXPIRATION";
    public static final String REGION = "AWS_REGION";
    public static final String DEFAULT_REGION = "AWS_DEFAULT_REGION";
    public static final String PROFILE = "AWS_PROFILE";
    public static final String CONFIG_FILE = "AWS_CONFIG_FILE";
    public static final String SHARED_CREDENTIALS_FILE = "AWS_SHARED_CREDENTIALS_FILE";
    /** The STS endpoint, as every AWS SDK reads it (service-specific first). */
    public static final String ENDPOINT_URL_STS = "AWS_ENDPOINT_URL_STS";
    public static final String ENDPOINT_URL = "AWS_ENDPOINT_URL";
    public static final String HOME = "HOME";
    /** Keeps SDKs from asking the EC2 instance metadata service for credentials (and region). */
    public static final String EC2_METADATA_DISABLED = "AWS_EC2_METADATA_DISABLED";

    /**
     * Variables a runtime should not pass from the developer's shell into a container: with them an
     * app would act as the developer (often an administrator) instead of its role, or pick a profile
     * over the injected keys. The process runtime removes them from what it inherits.
     */
    public static final List<String> DEVELOPER_IDENTITY = List.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN,
            CREDENTIAL_EXPIRATION, PROFILE, "AWS_DEFAULT_PROFILE", CONFIG_FILE, SHARED_CREDENTIALS_FILE,
            "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN");

    /**
     * What an app run on this machine starts from, before its own {@code environment} (which may
     * override them): with {@link #DEVELOPER_IDENTITY} removed, an SDK would still find the developer's
     * {@code ~/.aws} files, or the instance role of a developer's cloud machine; these close both ways.
     */
    public static final Map<String, String> HOST_APP_DEFAULTS = Map.of(CONFIG_FILE, "/dev/null", SHARED_CREDENTIALS_FILE, "/dev/null",
            EC2_METADATA_DISABLED, "true");

    /** As {@link #HOST_APP_DEFAULTS} for an app in a container, which sees no files of the developer's. */
    public static final Map<String, String> CONTAINER_APP_DEFAULTS = Map.of(EC2_METADATA_DISABLED, "true");
}
