package dev.serverlesscontainers.devmode.aws;

import java.util.List;

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

    /**
     * Variables a runtime should not pass from the developer's shell into a container: with them an
     * app would act as the developer (often an administrator) instead of its role, or pick a profile
     * over the injected keys. The process runtime removes them from what it inherits.
     */
    public static final List<String> DEVELOPER_IDENTITY = List.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN,
            CREDENTIAL_EXPIRATION, PROFILE, "AWS_DEFAULT_PROFILE", CONFIG_FILE, SHARED_CREDENTIALS_FILE,
            "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN");
}
