package dev.serverlesscontainers.devmode.aws;

import dev.serverlesscontainers.devmode.runtime.AwsVariables;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The developer's own credentials, which assume the containers' roles, found as the AWS CLI finds
 * them: {@code --aws-profile} when given; else {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}
 * (and {@code AWS_SESSION_TOKEN}); else the profile {@code AWS_PROFILE} names, or {@code default}.
 * A profile may hold keys, use IAM Identity Center (SSO), assume a role, or run a
 * {@code credential_process}; the SDK resolves each. Every value resolved is made known to the
 * redactor before it is used.
 */
final class CallerCredentials implements AutoCloseable {
    static final String DEFAULT_PROFILE = "default";

    private final Optional<AwsCredentialsProvider> provider;
    private final String source;
    private final String profileName;
    private final ProfileFiles profiles;

    private CallerCredentials(Optional<AwsCredentialsProvider> provider, String source, String profileName, ProfileFiles profiles) {
        this.provider = provider;
        this.source = source;
        this.profileName = profileName;
        this.profiles = profiles;
    }

    static CallerCredentials resolve(AwsSettings settings, SecretRedactor redactor) throws AwsSetupException {
        ProfileFiles profiles = ProfileFiles.locate(settings);
        if (settings.profile().isPresent()) {
            String name = settings.profile().get();
            if (!profiles.defines(name)) {
                throw new AwsSetupException("--aws-profile " + name + ": no such profile in " + profiles.describe()
                        + " (expected [profile " + name + "] in the config file or [" + name + "] in the credentials file)");
            }
            return fromProfile(name, "profile " + name + " (--aws-profile)", profiles, redactor);
        }
        Optional<String> keyId = settings.variable(AwsVariables.ACCESS_KEY_ID);
        Optional<String> secret = settings.variable(AwsVariables.SECRET_ACCESS_KEY);
        Optional<String> token = settings.variable(AwsVariables.SESSION_TOKEN);
        keyId.ifPresent(redactor::register);
        secret.ifPresent(redactor::register);
        token.ifPresent(redactor::register);
        String envProfile = settings.variable(AwsVariables.PROFILE).orElse(DEFAULT_PROFILE);
        if (keyId.isPresent() && secret.isPresent()) {
            AwsCredentials keys = token.isPresent()
                    ? AwsSessionCredentials.create(keyId.get(), secret.get(), token.get())
                    : AwsBasicCredentials.create(keyId.get(), secret.get());
            return new CallerCredentials(Optional.of(StaticCredentialsProvider.create(keys)),
                    "AWS_ACCESS_KEY_ID in the environment", envProfile, profiles);
        }
        String why = settings.variable(AwsVariables.PROFILE).isPresent() ? " (AWS_PROFILE)" : "";
        if (!profiles.defines(envProfile)) {
            String missing = "no AWS_ACCESS_KEY_ID in the environment and " + (profiles.anyExists()
                    ? "no profile " + envProfile + why + " in " + profiles.describe() : profiles.describe());
            return new CallerCredentials(Optional.empty(), missing, envProfile, profiles);
        }
        return fromProfile(envProfile, "profile " + envProfile + why, profiles, redactor);
    }

    private static CallerCredentials fromProfile(String name, String source, ProfileFiles profiles, SecretRedactor redactor) {
        ProfileCredentialsProvider sdk = ProfileCredentialsProvider.builder().profileFile(profiles.supplier()).profileName(name).build();
        return new CallerCredentials(Optional.of(new Registering(sdk, redactor)), source, name, profiles);
    }

    /** The provider to sign STS calls with; empty when no credentials were found at all. */
    Optional<AwsCredentialsProvider> provider() {
        return provider;
    }

    /** Where the credentials come from ({@code profile dev (--aws-profile)}), or, when none were found, where we looked. */
    String source() {
        return source;
    }

    /** The profile whose settings (region, SDK options) apply, whether or not it holds the credentials. */
    String profileName() {
        return profileName;
    }

    ProfileFiles profiles() {
        return profiles;
    }

    @Override
    public void close() {
        provider.ifPresent(p -> {
            if (p instanceof SdkAutoCloseable c) {
                c.close();
            }
        });
    }

    /** Registers every credential a profile resolves to (they change when SSO or a process renews them). */
    private static final class Registering implements AwsCredentialsProvider, SdkAutoCloseable {
        private final ProfileCredentialsProvider delegate;
        private final SecretRedactor redactor;

        Registering(ProfileCredentialsProvider delegate, SecretRedactor redactor) {
            this.delegate = delegate;
            this.redactor = redactor;
        }

        @Override
        public AwsCredentials resolveCredentials() {
            AwsCredentials c = delegate.resolveCredentials();
            redactor.register(c.accessKeyId());
            redactor.register(c.secretAccessKey());
            if (c instanceof AwsSessionCredentials s) {
                redactor.register(s.sessionToken());
            }
            return c;
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public String toString() {
            return "profile credentials (values hidden)";
        }
    }
}
