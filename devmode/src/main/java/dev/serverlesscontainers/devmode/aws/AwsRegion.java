package dev.serverlesscontainers.devmode.aws;
import dev.serverlesscontainers.devmode.runtime.AwsVariables;

/**
 * The region STS is called in and containers are told ({@code AWS_REGION}), with where it came from.
 * The AWS CLI's order: {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, the profile's {@code region};
 * {@value #FALLBACK} when none is set.
 */
record AwsRegion(String id, String source) {
    static final String FALLBACK = "us-east-1";

    static AwsRegion resolve(AwsSettings settings, ProfileFiles profiles, String profileName) {
        for (String variable : new String[] {AwsVariables.REGION, AwsVariables.DEFAULT_REGION}) {
            var v = settings.variable(variable);
            if (v.isPresent()) {
                return new AwsRegion(v.get(), variable);
            }
        }
        var fromProfile = profiles.property(profileName, "region").filter(r -> !r.isBlank());
        if (fromProfile.isPresent()) {
            return new AwsRegion(fromProfile.get().trim(), "profile " + profileName);
        }
        return new AwsRegion(FALLBACK, "default; set AWS_REGION to the stage's region");
    }

    @Override
    public String toString() {
        return id + " (" + source + ")";
    }
}
