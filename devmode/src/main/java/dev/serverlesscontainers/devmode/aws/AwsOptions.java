package dev.serverlesscontainers.devmode.aws;

import dev.serverlesscontainers.model.config.Defaults;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The AWS options of {@code scf-dev dev}, to mix into the command with {@code @Mixin}. Their fallbacks
 * are the AWS CLI's environment variables, read from the run's environment in {@link #settings}.
 */
public final class AwsOptions {
    /** {@link Defaults#PRODUCTION_STAGES}, as the help shows it (an annotation needs a constant). */
    static final String PRODUCTION_STAGES_DEFAULT = "prod,production";

    @Option(names = "--no-aws",
            description = "Start containers without AWS credentials: do not assume their deployed IAM roles "
                    + "(default: assume them when the stage is deployed).")
    boolean noAws;

    @Option(names = "--stack-outputs", paramLabel = "FILE",
            description = "Read each container's role ARN from FILE, written by `pulumi stack output --json > FILE` "
                    + "(default: none; the role names are derived from the config, in the account of your AWS credentials).")
    Path stackOutputs;

    @Option(names = "--aws-profile", paramLabel = "NAME",
            description = {"The AWS profile whose credentials assume the roles (default: env AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY, else the profile env AWS_PROFILE names, else profile default; files: env "
                    + "AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials).",
                    "Region: env AWS_REGION, else AWS_DEFAULT_REGION, else the profile's region, else us-east-1."})
    String profile;

    @Option(names = "--production-stages", paramLabel = "STAGE", split = ",", splitSynopsisLabel = ",",
            description = "Stages whose roles are never assumed, compared ignoring case; give the list the component's "
                    + "productionStages input has (default: " + PRODUCTION_STAGES_DEFAULT + ").")
    List<String> productionStages;

    public boolean noAws() {
        return noAws;
    }

    public Path stackOutputs() {
        return stackOutputs;
    }

    public String profile() {
        return profile;
    }

    /**
     * The settings these options and {@code environment} describe.
     *
     * @throws AwsSetupException an endpoint variable ({@code AWS_ENDPOINT_URL_STS}) that is not a URL, or a
     *     {@code --production-stages} entry that is not a stage name
     */
    public AwsSettings settings(Map<String, String> environment) throws AwsSetupException {
        if (noAws) {
            return AwsSettings.disabled(environment);
        }
        AwsSettings settings = AwsSettings.of(environment).withProfile(profile).withStackOutputs(stackOutputs);
        return productionStages == null ? settings : settings.withProductionStages(stageNames(productionStages));
    }

    private static List<String> stageNames(List<String> given) throws AwsSetupException {
        List<String> names = given.stream().map(String::trim).toList();
        for (String name : names) {
            if (name.length() > Defaults.STAGE_MAX_LENGTH || !name.matches(Defaults.STAGE_PATTERN)) {
                throw new AwsSetupException("--production-stages: expected stage names (letters, digits, - and _) separated by "
                        + "commas, such as prod,live (got " + String.join(",", given) + ")");
            }
        }
        return names;
    }
}
