package dev.serverlesscontainers.devmode.aws;

import dev.serverlesscontainers.devmode.runtime.AwsVariables;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Temporary credentials of an assumed role. Deliberately not a record: its {@link #toString()} shows
 * when they expire and nothing else, so that printing one by mistake leaks nothing.
 */
final class TemporaryCredentials {
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;
    private final Instant expiration;

    TemporaryCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
        this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
        this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        this.sessionToken = Objects.requireNonNull(sessionToken, "sessionToken");
        this.expiration = Objects.requireNonNull(expiration, "expiration");
    }

    Instant expiration() {
        return expiration;
    }

    /** Makes every secret value of these credentials known to the redactor. */
    void registerWith(SecretRedactor redactor) {
        redactor.register(accessKeyId);
        redactor.register(secretAccessKey);
        redactor.register(sessionToken);
    }

    /**
     * The variables every AWS SDK and the AWS CLI read: the keys, the token, their expiry, and the
     * region under both names (SDKs read {@code AWS_REGION}, the CLI and older tools
     * {@code AWS_DEFAULT_REGION}).
     */
    Map<String, String> environment(String region) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(AwsVariables.ACCESS_KEY_ID, accessKeyId);
        env.put(AwsVariables.SECRET_ACCESS_KEY, secretAccessKey);
        env.put(AwsVariables.SESSION_TOKEN, sessionToken);
        env.put(AwsVariables.CREDENTIAL_EXPIRATION, expiration.toString());
        env.put(AwsVariables.REGION, region);
        env.put(AwsVariables.DEFAULT_REGION, region);
        return new RedactedEnvironment(env);
    }

    @Override
    public String toString() {
        return "TemporaryCredentials[expires " + expiration + ", values hidden]";
    }
}
