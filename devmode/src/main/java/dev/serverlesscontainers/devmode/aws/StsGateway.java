package dev.serverlesscontainers.devmode.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The two STS calls dev mode makes, with failures turned into {@link StsFailure}s whose messages are
 * redacted and carry no SDK exception. The client's profile settings come from the same files as the
 * credentials, not from wherever the SDK would look by itself.
 */
final class StsGateway implements AutoCloseable {
    /** How long one STS call may take, retries included, before dev mode gives up on it. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The JDK's HTTP client logs every request's headers at FINE, the security token among them. Capped
     * here, and held so that the setting is not collected with the logger, whatever level the rest of
     * scf-dev logs at.
     */
    private static final Logger JDK_HTTP_LOG = Logger.getLogger("sun.net.www.protocol.http.HttpURLConnection");

    static {
        JDK_HTTP_LOG.setLevel(Level.INFO);
    }

    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException");
    private static final Set<String> EXPIRED = Set.of("ExpiredToken", "ExpiredTokenException", "RequestExpired");
    private static final Set<String> INVALID = Set.of("InvalidClientTokenId", "SignatureDoesNotMatch",
            "UnrecognizedClientException", "IncompleteSignature", "AuthFailure", "InvalidAccessKeyId");

    private final StsClient client;
    private final SdkHttpClient httpClient;
    private final String endpoint;
    private final SecretRedactor redactor;

    private StsGateway(StsClient client, SdkHttpClient httpClient, String endpoint, SecretRedactor redactor) {
        this.client = client;
        this.httpClient = httpClient;
        this.endpoint = endpoint;
        this.redactor = redactor;
    }

    /**
     * A client for {@code region}, signing with {@code credentials}, calling {@code endpointOverride}
     * when given. Takes ownership of {@code httpClient}.
     */
    static StsGateway create(AwsCredentialsProvider credentials, AwsRegion region, Optional<URI> endpointOverride,
            ProfileFiles profiles, String profileName, SdkHttpClient httpClient, SecretRedactor redactor) {
        AwsCredentialsProvider marked = () -> {
            try {
                return credentials.resolveCredentials();
            } catch (RuntimeException e) {
                throw new CredentialsUnavailable(redactor.redact(firstLine(rootMessage(e))));
            }
        };
        var builder = StsClient.builder()
                .region(Region.of(region.id()))
                .credentialsProvider(marked)
                .httpClient(httpClient)
                .overrideConfiguration(o -> o
                        .defaultProfileFileSupplier(profiles.supplier())
                        .defaultProfileName(profileName)
                        .apiCallTimeout(CALL_TIMEOUT)
                        .appId("scf-dev"));
        endpointOverride.ifPresent(builder::endpointOverride);
        String shown = endpointOverride.map(URI::toString).orElse("https://sts." + region.id() + ".amazonaws.com");
        return new StsGateway(builder.build(), httpClient, shown, redactor);
    }

    /** Where calls go, for messages. */
    String endpoint() {
        return endpoint;
    }

    CallerIdentity callerIdentity() throws StsFailure {
        try {
            GetCallerIdentityResponse r = client.getCallerIdentity();
            return new CallerIdentity(r.account(), r.arn());
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    TemporaryCredentials assumeRole(String roleArn, String sessionName, Duration duration) throws StsFailure {
        try {
            AssumeRoleResponse r = client.assumeRole(b -> b
                    .roleArn(roleArn)
                    .roleSessionName(sessionName)
                    .durationSeconds((int) duration.toSeconds()));
            Credentials c = r.credentials();
            if (c == null || c.accessKeyId() == null || c.secretAccessKey() == null || c.sessionToken() == null
                    || c.expiration() == null) {
                throw new StsFailure(StsFailure.Kind.OTHER, "STS at " + endpoint + " answered AssumeRole without credentials");
            }
            TemporaryCredentials credentials =
                    new TemporaryCredentials(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), c.expiration());
            credentials.registerWith(redactor);
            return credentials;
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    private StsFailure failure(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CredentialsUnavailable unavailable) {
                return new StsFailure(StsFailure.Kind.NO_CREDENTIALS, unavailable.getMessage());
            }
        }
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = Optional.ofNullable(service.awsErrorDetails().errorCode()).orElse("");
            String message = Optional.ofNullable(service.awsErrorDetails().errorMessage()).orElse("(no message)");
            String text = redactor.redact(code + ": " + message);
            StsFailure.Kind kind = DENIED.contains(code) ? StsFailure.Kind.DENIED
                    : EXPIRED.contains(code) ? StsFailure.Kind.CALLER_EXPIRED
                    : INVALID.contains(code) ? StsFailure.Kind.CALLER_INVALID
                    : StsFailure.Kind.OTHER;
            return new StsFailure(kind, text);
        }
        if (e instanceof SdkException) {
            return new StsFailure(StsFailure.Kind.UNREACHABLE, redactor.redact("could not reach STS at " + endpoint + ": "
                    + firstLine(rootMessage(e))));
        }
        throw e;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The developer's credentials could not be resolved; marks the failure through whatever the SDK wraps it in. */
    private static final class CredentialsUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CredentialsUnavailable(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public void close() {
        client.close();
        httpClient.close();
    }
}
