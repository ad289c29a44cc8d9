package dev.serverlesscontainers.devmode.aws;

import dev.serverlesscontainers.devmode.runtime.AwsVariables;
import dev.serverlesscontainers.model.load.AwsLookup;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * Answers the configuration's {@code ${aws:region}}, {@code ${aws:accountId}} and {@code ${ssm:/name}}
 * with the developer's own credentials, found as for assuming roles ({@link CallerCredentials}). Nothing
 * is asked of AWS until a variable needs it; each answer is asked once. Without credentials, each
 * variable fails with a message that says so, which the loader places at the variable.
 */
public final class ConfigAwsLookup implements AwsLookup, AutoCloseable {
    /** The SSM endpoint, as every AWS SDK reads it (service-specific first). */
    static final String ENDPOINT_URL_SSM = "AWS_ENDPOINT_URL_SSM";

    private final AwsSettings settings;
    private final SdkHttpClient httpClient;
    private final SecretRedactor redactor = new SecretRedactor();
    private final Map<String, Optional<String>> parameters = new HashMap<>();
    private CallerCredentials caller;
    private AwsRegion region;
    private StsGateway sts;
    private SsmClient ssm;
    private String accountId;

    private ConfigAwsLookup(AwsSettings settings, SdkHttpClient httpClient) {
        this.settings = settings;
        this.httpClient = httpClient;
    }

    public static ConfigAwsLookup create(AwsSettings settings) {
        return new ConfigAwsLookup(settings, UrlConnectionHttpClient.builder().build());
    }

    static ConfigAwsLookup create(AwsSettings settings, SdkHttpClient httpClient) {
        return new ConfigAwsLookup(settings, httpClient);
    }

    @Override
    public synchronized String region() throws Unavailable {
        caller();
        return region.id();
    }

    @Override
    public synchronized String accountId() throws Unavailable {
        if (accountId == null) {
            try {
                accountId = sts().callerIdentity().account();
            } catch (StsFailure f) {
                throw new Unavailable("STS GetCallerIdentity failed (" + f.getMessage() + ")");
            }
        }
        return accountId;
    }

    @Override
    public synchronized Optional<String> ssmParameter(String name) throws Unavailable {
        Optional<String> known = parameters.get(name);
        if (known != null) {
            return known;
        }
        SsmClient client = ssm();
        Optional<String> value;
        try {
            value = Optional.ofNullable(client.getParameter(b -> b.name(name).withDecryption(true)).parameter().value());
        } catch (ParameterNotFoundException e) {
            value = Optional.empty();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode() + ": ";
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            throw new Unavailable("SSM GetParameter failed in region " + region.id() + " (" + redactor.redact(code + message) + ")");
        } catch (SdkException e) {
            throw new Unavailable("could not reach SSM in region " + region.id() + " (" + redactor.redact(firstLine(e.getMessage())) + ")");
        }
        parameters.put(name, value);
        return value;
    }

    private void caller() throws Unavailable {
        if (caller != null) {
            return;
        }
        if (!settings.enabled()) {
            throw new Unavailable("--no-aws was given, so scf-dev asks AWS nothing; set the value with ${env:NAME} instead");
        }
        try {
            caller = CallerCredentials.resolve(settings, redactor);
        } catch (AwsSetupException e) {
            throw new Unavailable(e.getMessage());
        }
        region = AwsRegion.resolve(settings, caller.profiles(), caller.profileName());
    }

    private CallerCredentials credentialed() throws Unavailable {
        caller();
        if (caller.provider().isEmpty()) {
            throw new Unavailable("no AWS credentials were found (" + caller.source() + "); sign in to AWS (aws sso login, "
                    + "AWS_PROFILE or --aws-profile) and start scf-dev again, or set the value with ${env:NAME, default}");
        }
        return caller;
    }

    private StsGateway sts() throws Unavailable {
        if (sts == null) {
            CallerCredentials c = credentialed();
            sts = StsGateway.create(c.provider().orElseThrow(), region, settings.stsEndpoint(), c.profiles(), c.profileName(),
                    httpClient, redactor);
        }
        return sts;
    }

    private SsmClient ssm() throws Unavailable {
        if (ssm == null) {
            CallerCredentials c = credentialed();
            var builder = SsmClient.builder()
                    .region(Region.of(region.id()))
                    .credentialsProvider(c.provider().orElseThrow())
                    .httpClient(httpClient)
                    .overrideConfiguration(o -> o
                            .defaultProfileFileSupplier(c.profiles().supplier())
                            .defaultProfileName(c.profileName())
                            .apiCallTimeout(StsGateway.CALL_TIMEOUT)
                            .appId("scf-dev"));
            ssmEndpoint().ifPresent(builder::endpointOverride);
            ssm = builder.build();
        }
        return ssm;
    }

    private Optional<URI> ssmEndpoint() {
        for (String name : new String[] {ENDPOINT_URL_SSM, AwsVariables.ENDPOINT_URL}) {
            Optional<String> v = settings.variable(name).filter(s -> !s.isBlank());
            if (v.isPresent()) {
                try {
                    return Optional.of(new URI(v.get().trim()));
                } catch (URISyntaxException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public synchronized void close() {
        if (ssm != null) {
            ssm.close();
        }
        if (sts != null) {
            sts.close();
        } else {
            httpClient.close();
        }
        if (caller != null) {
            caller.close();
        }
    }
}
