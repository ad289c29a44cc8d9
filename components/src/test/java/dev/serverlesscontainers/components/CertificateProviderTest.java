package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulumi.aws.Provider;
import com.pulumi.core.Output;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The us-east-1 provider for certificates takes the stack's account settings, not the environment's. */
class CertificateProviderTest {

    /** Registers the provider built from {@code config} under mocks and returns the inputs the engine got. */
    private static Map<String, Object> registered(Map<String, String> config) {
        var aws = new MockAws();
        var result = PulumiTest.withMocks(aws)
                .withOptions(TestOptions.builder().projectName("app").stackName("dev").build())
                .runTest(ctx -> new Provider("certificates", CertificateProvider.args(
                        key -> Optional.ofNullable(config.get(key)),
                        key -> Output.ofSecret(Optional.ofNullable(config.get(key))))));
        assertThat(result.exceptions()).isEmpty();
        return aws.named("pulumi:providers:aws", "certificates").inputs();
    }

    @Test
    void withoutStackSettingsOnlyTheRegionIsSet() {
        Map<String, Object> inputs = registered(Map.of());
        assertThat(inputs).containsEntry("region", "us-east-1");
        assertThat(inputs).doesNotContainKeys("profile", "assumeRole", "accessKey", "secretKey", "token");
    }

    @Test
    void theStacksProfileRoleFilesAndAccountsReachTheProvider() {
        Map<String, Object> inputs = registered(Map.of(
                "profile", "shop-prod",
                "assumeRole", "{\"roleArn\":\"arn:aws:iam::210987654321:role/deployer\",\"sessionName\":\"pulumi\",\"externalId\":\"x-1\"}",
                "sharedConfigFiles", "[\"/home/me/.aws/config\",\"/etc/aws/config\"]",
                "allowedAccountIds", "[\"210987654321\"]"));
        assertThat(inputs).containsEntry("region", "us-east-1").containsEntry("profile", "shop-prod");
        assertThat(inputs.get("assumeRole").toString()).contains("arn:aws:iam::210987654321:role/deployer", "pulumi", "x-1");
        assertThat(inputs.get("sharedConfigFiles").toString()).contains("/home/me/.aws/config", "/etc/aws/config");
        assertThat(inputs.get("allowedAccountIds").toString()).contains("210987654321");
    }

    @Test
    void keysFromTheStackAreCopiedToo() {
        Map<String, Object> inputs = registered(Map.of("accessKey", "AKIAEXAMPLE", "secretKey", "s3cr3t", "token", "t0k3n"));
        assertThat(inputs).containsEntry("accessKey", "AKIAEXAMPLE").containsEntry("secretKey", "s3cr3t").containsEntry("token", "t0k3n");
    }

    @Test
    void anAssumeRoleThatIsNotJsonIsAConfigurationError() {
        assertThatThrownBy(() -> CertificateProvider.args(key -> key.equals("assumeRole") ? Optional.of("{roleArn") : Optional.empty(),
                key -> Output.of(Optional.empty())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("aws:assumeRole")
                .hasMessageContaining("is not valid JSON");
    }
}
