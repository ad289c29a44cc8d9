package dev.serverlesscontainers.components;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.Config;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderAssumeRoleArgs;
import com.pulumi.core.Output;
import dev.serverlesscontainers.model.load.Problem;
import dev.serverlesscontainers.model.yaml.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings of the us-east-1 provider that CloudFront's certificates need.
 *
 * <p>An explicit provider does not read the stack's {@code aws:} configuration the way the default
 * provider does: with only a region, it would take whatever credentials the environment holds, so a
 * stack that names its account through {@code aws:profile} or {@code aws:assumeRole} would get its
 * certificate in another account than its distribution. This copies the settings that choose the
 * account and the credentials from the stack's {@code aws:} configuration to the provider.
 */
final class CertificateProvider {
    private CertificateProvider() {}

    static final String REGION = "us-east-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** From the stack's {@code aws:} configuration. */
    static ProviderArgs args() {
        Config aws = Config.of("aws");
        return args(aws::get, key -> aws.getSecret(key));
    }

    /**
     * @param plain a configuration value by its key ({@code profile}, {@code assumeRole}, ...); for the
     *     keys that hold credentials only whether they are set
     * @param secret the value of a key that holds credentials, kept secret
     */
    static ProviderArgs args(Function<String, Optional<String>> plain, Function<String, Output<Optional<String>>> secret) {
        var args = ProviderArgs.builder().region(REGION);
        plain.apply("profile").ifPresent(args::profile);
        plain.apply("sharedCredentialsFiles").ifPresent(v -> args.sharedCredentialsFiles(list("sharedCredentialsFiles", v)));
        plain.apply("sharedConfigFiles").ifPresent(v -> args.sharedConfigFiles(list("sharedConfigFiles", v)));
        plain.apply("allowedAccountIds").ifPresent(v -> args.allowedAccountIds(list("allowedAccountIds", v)));
        plain.apply("forbiddenAccountIds").ifPresent(v -> args.forbiddenAccountIds(list("forbiddenAccountIds", v)));
        plain.apply("assumeRole").ifPresent(v -> args.assumeRole(assumeRole(v)));
        secretIfSet(plain, secret, "accessKey").ifPresent(args::accessKey);
        secretIfSet(plain, secret, "secretKey").ifPresent(args::secretKey);
        secretIfSet(plain, secret, "token").ifPresent(args::token);
        return args.build();
    }

    /** A key that holds credentials, as a secret; empty when it is not set (left out rather than sent as null). */
    private static Optional<Output<String>> secretIfSet(Function<String, Optional<String>> plain,
                                                        Function<String, Output<Optional<String>>> secret, String key) {
        return plain.apply(key).map(set -> secret.apply(key).applyValue(o -> o.orElse(null)));
    }

    private static ProviderAssumeRoleArgs assumeRole(String json) {
        JsonNode node = parse("assumeRole", json);
        var role = ProviderAssumeRoleArgs.builder();
        text(node, "roleArn").ifPresent(role::roleArn);
        text(node, "sessionName").ifPresent(role::sessionName);
        text(node, "externalId").ifPresent(role::externalId);
        text(node, "duration").ifPresent(role::duration);
        text(node, "policy").ifPresent(role::policy);
        text(node, "sourceIdentity").ifPresent(role::sourceIdentity);
        return role.build();
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    /** A list in the configuration: a JSON array, or one value. */
    private static List<String> list(String key, String value) {
        if (!value.strip().startsWith("[")) {
            return List.of(value);
        }
        List<String> out = new ArrayList<>();
        parse(key, value).forEach(e -> out.add(e.asText()));
        return out;
    }

    private static JsonNode parse(String key, String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigurationException(new Problem(Problem.Severity.ERROR, "stack configuration", Location.FILE, "aws:" + key,
                    "is not valid JSON (" + e.getOriginalMessage() + ")"));
        }
    }
}
