package dev.serverlesscontainers.devmode.aws;

import dev.serverlesscontainers.devmode.runtime.AwsVariables;
import dev.serverlesscontainers.model.config.Defaults;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How scf-dev reaches AWS, resolved from the command line ({@link AwsOptions}) and the environment of
 * this run. The library reads the environment only from {@link #environment()}, never from the process.
 *
 * @param enabled false with {@code --no-aws}: containers start without AWS credentials
 * @param profile {@code --aws-profile}; empty means the usual chain (environment keys, then
 *     {@code AWS_PROFILE}, then the profile {@code default})
 * @param stackOutputs {@code --stack-outputs}: the JSON {@code pulumi stack output --json} wrote
 * @param environment the environment of this run ({@code AWS_*}, {@code HOME})
 * @param stsEndpoint where STS is called: {@code AWS_ENDPOINT_URL_STS}, {@code AWS_ENDPOINT_URL}, or
 *     empty for AWS's regional endpoint
 * @param sessionDuration how long assumed-role credentials are requested for
 * @param refresh when they are renewed
 * @param productionStages {@code --production-stages}: stages whose roles are never assumed, as the
 *     component's {@code productionStages}
 */
public record AwsSettings(
        boolean enabled,
        Optional<String> profile,
        Optional<Path> stackOutputs,
        Map<String, String> environment,
        Optional<URI> stsEndpoint,
        Duration sessionDuration,
        RefreshPolicy refresh,
        List<String> productionStages) {

    /**
     * One hour: the longest session every role allows (a role's maximum is at least one hour) and the
     * limit AWS puts on role chaining, which is what a developer signed in through SSO does.
     */
    public static final Duration SESSION_DURATION = Duration.ofHours(1);

    /** STS accepts 15 minutes to 12 hours. */
    static final Duration MIN_SESSION = Duration.ofMinutes(15);
    static final Duration MAX_SESSION = Duration.ofHours(12);

    public AwsSettings {
        environment = Map.copyOf(environment);
        productionStages = List.copyOf(productionStages);
        if (sessionDuration.compareTo(MIN_SESSION) < 0 || sessionDuration.compareTo(MAX_SESSION) > 0) {
            throw new IllegalArgumentException("sessionDuration must be between 15 minutes and 12 hours (got " + sessionDuration + ")");
        }
    }

    /** The usual settings for this environment: the chain's credentials, AWS's endpoint unless the environment names one. */
    public static AwsSettings of(Map<String, String> environment) throws AwsSetupException {
        return new AwsSettings(true, Optional.empty(), Optional.empty(), environment, endpointFrom(environment),
                SESSION_DURATION, RefreshPolicy.DEFAULT, Defaults.PRODUCTION_STAGES);
    }

    /** {@code --no-aws}. */
    public static AwsSettings disabled(Map<String, String> environment) {
        return new AwsSettings(false, Optional.empty(), Optional.empty(), environment, Optional.empty(), SESSION_DURATION,
                RefreshPolicy.DEFAULT, Defaults.PRODUCTION_STAGES);
    }

    public AwsSettings withEnabled(boolean value) {
        return new AwsSettings(value, profile, stackOutputs, environment, stsEndpoint, sessionDuration, refresh, productionStages);
    }

    public AwsSettings withProfile(String name) {
        return new AwsSettings(enabled, Optional.ofNullable(name), stackOutputs, environment, stsEndpoint, sessionDuration, refresh,
                productionStages);
    }

    public AwsSettings withStackOutputs(Path file) {
        return new AwsSettings(enabled, profile, Optional.ofNullable(file), environment, stsEndpoint, sessionDuration, refresh,
                productionStages);
    }

    public AwsSettings withStsEndpoint(URI endpoint) {
        return new AwsSettings(enabled, profile, stackOutputs, environment, Optional.ofNullable(endpoint), sessionDuration, refresh,
                productionStages);
    }

    public AwsSettings withRefresh(RefreshPolicy policy) {
        return new AwsSettings(enabled, profile, stackOutputs, environment, stsEndpoint, sessionDuration, policy, productionStages);
    }

    public AwsSettings withProductionStages(List<String> stages) {
        return new AwsSettings(enabled, profile, stackOutputs, environment, stsEndpoint, sessionDuration, refresh, stages);
    }

    /** True when {@code stage} is a production stage, by the rule the component uses. */
    public boolean isProductionStage(String stage) {
        return Defaults.isProductionStage(stage, productionStages);
    }

    /** The variable's value, or empty when it is unset or blank. */
    Optional<String> variable(String name) {
        String v = environment.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static Optional<URI> endpointFrom(Map<String, String> environment) throws AwsSetupException {
        for (String name : new String[] {AwsVariables.ENDPOINT_URL_STS, AwsVariables.ENDPOINT_URL}) {
            String v = environment.get(name);
            if (v == null || v.isBlank()) {
                continue;
            }
            try {
                URI uri = new URI(v.trim());
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return Optional.of(uri);
                }
            } catch (URISyntaxException e) {
                // reported below, with the value
            }
            throw new AwsSetupException(name + " must be an http(s) URL such as https://sts.eu-west-1.amazonaws.com (got " + v + ")");
        }
        return Optional.empty();
    }
}
