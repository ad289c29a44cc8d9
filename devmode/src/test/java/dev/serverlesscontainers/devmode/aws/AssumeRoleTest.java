package dev.serverlesscontainers.devmode.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.ProjectConfig;
import dev.serverlesscontainers.model.naming.RunAsRole;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A deployed stage: every container gets credentials of its own role, through the local STS. */
class AssumeRoleTest extends AwsTestBase {

    @Test
    void eachContainerGetsCredentialsOfItsDeployedRole() throws Exception {
        try (LiveRoles roles = aws.start()) {
            List<FakeSts.Request> assumed = aws.sts.requests("AssumeRole");
            assertThat(assumed).extracting(r -> r.params().get("RoleArn"))
                    .containsExactly(Project.API_ROLE, Project.WEB_ROLE, Project.ADMIN_ROLE);
            assertThat(assumed).extracting(r -> r.params().get("RoleSessionName"))
                    .containsExactly("scf-dev.api.alice", "scf-dev.web.alice", "scf-dev.admin.alice");
            assertThat(assumed).extracting(r -> r.params().get("DurationSeconds")).containsOnly("3600");
            // signed with the developer's own key, found in the environment
            assertThat(aws.sts.requests()).extracting(FakeSts.Request::accessKeyId).containsOnly(AwsFixture.ALICE_KEY);

            Map<String, String> api = roles.environment("api");
            assertThat(api).containsOnlyKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                    "AWS_CREDENTIAL_EXPIRATION", "AWS_REGION", "AWS_DEFAULT_REGION");
            assertThat(api.get("AWS_ACCESS_KEY_ID")).startsWith("ASIA").isNotEqualTo(AwsFixture.ALICE_KEY);
            assertThat(aws.sts.secrets()).contains(api.get("AWS_SECRET_ACCESS_KEY"), api.get("AWS_SESSION_TOKEN"));
            assertThat(api).containsEntry("AWS_REGION", "eu-west-1").containsEntry("AWS_DEFAULT_REGION", "eu-west-1");
            assertThat(Instant.parse(api.get("AWS_CREDENTIAL_EXPIRATION"))).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
            // one session per container: different keys
            assertThat(roles.environment("web").get("AWS_ACCESS_KEY_ID")).isNotEqualTo(api.get("AWS_ACCESS_KEY_ID"));
            assertThat(roles.environment("nonexistent")).isEmpty();

            assertThat(roles.status()).extracting(RoleStatus::container, RoleStatus::state, s -> s.roleArn().orElseThrow(),
                    s -> s.roleSource().orElseThrow()).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("api", RoleStatus.State.ACTIVE, Project.API_ROLE, "named by the component"),
                    org.assertj.core.groups.Tuple.tuple("web", RoleStatus.State.ACTIVE, Project.WEB_ROLE, "named by the component"),
                    org.assertj.core.groups.Tuple.tuple("admin", RoleStatus.State.ACTIVE, Project.ADMIN_ROLE, "compute.awsIam.roleArn"));
            assertThat(roles.anyActive()).isTrue();
        }
        assertThat(aws.output.warnings()).isEmpty();
        assertThat(aws.output.infos()).singleElement().satisfies(info -> assertThat(info)
                .contains("3 containers run as their deployed roles", AwsFixture.ALICE, "AWS_ACCESS_KEY_ID in the environment",
                        "eu-west-1 (AWS_REGION)", "api", Project.API_ROLE, "admin", Project.ADMIN_ROLE, "renewed 48 min after issue"));
    }

    @Test
    void callsGoToTheOverriddenEndpointOnly() throws Exception {
        try (LiveRoles roles = aws.start()) {
            assertThat(roles.anyActive()).isTrue();
        }
        String port = String.valueOf(aws.sts.endpoint().getPort());
        assertThat(aws.http.hosts()).isNotEmpty().containsOnly("127.0.0.1:" + port);
        assertThat(aws.sts.requests()).extracting(FakeSts.Request::host).containsOnly("127.0.0.1:" + port);
        assertThat(aws.sts.requests()).extracting(FakeSts.Request::action)
                .containsExactly("GetCallerIdentity", "AssumeRole", "AssumeRole", "AssumeRole");
        assertThat(aws.http.closed()).as("close() releases the HTTP client").isTrue();
        assertThat(aws.output.messages()).anySatisfy(m -> assertThat(m).startsWith("DEBUG").contains("STS at " + aws.sts.endpoint()));
    }

    @Test
    void theEndpointCanComeFromTheEnvironmentAsEverySdkReadsIt() throws Exception {
        aws.env.put("AWS_ENDPOINT_URL_STS", aws.sts.endpoint().toString());
        aws.env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
        AwsSettings settings = AwsSettings.of(aws.env);
        assertThat(settings.stsEndpoint()).contains(aws.sts.endpoint());
        try (LiveRoles roles = aws.start(aws.project("dev"), settings)) {
            assertThat(roles.environment("api")).containsKey("AWS_SESSION_TOKEN");
        }
        aws.env.put("AWS_ENDPOINT_URL_STS", "sts.example");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AwsSettings.of(aws.env))
                .isInstanceOf(AwsSetupException.class).hasMessageContaining("AWS_ENDPOINT_URL_STS must be an http(s) URL")
                .hasMessageContaining("got sts.example");
    }

    @Test
    void aProjectWideRoleServesContainersWithNeitherARoleNorAPolicyOfTheirOwn() throws Exception {
        String shared = "arn:aws:iam::" + Project.ACCOUNT + ":role/shared";
        aws.sts.trust(shared, AwsFixture.ALICE);
        String yaml = Project.YAML.replace("name: hello\n", "name: hello\ndeployment:\n  awsIam:\n    roleArn: " + shared + "\n");
        ProjectConfig config = Project.load(aws.projectDir, "dev", yaml);
        try (LiveRoles roles = aws.start(config, aws.settings())) {
            // api has a customPolicy: the deploy gives it a role of its own, so that is the one assumed
            assertThat(roles.status()).extracting(s -> s.roleArn().orElseThrow()).containsExactly(Project.API_ROLE, shared, Project.ADMIN_ROLE);
            assertThat(roles.status()).extracting(s -> s.roleSource().orElseThrow())
                    .containsExactly("named by the component", "deployment.awsIam.roleArn", "compute.awsIam.roleArn");
        }
        assertThat(aws.sts.requests("AssumeRole")).extracting(r -> r.params().get("RoleArn")).as("the role the deploy uses, per the model")
                .containsExactlyElementsOf(config.containers().values().stream().map(c -> deployedRoleArn(config, c)).toList());
    }

    private static String deployedRoleArn(ProjectConfig config, ContainerConfig c) {
        RunAsRole runAs = RunAsRole.of(config, c);
        return runAs instanceof RunAsRole.Given given ? given.arn()
                : "arn:aws:iam::" + Project.ACCOUNT + ":role/" + ((RunAsRole.Created) runAs).name(Project.REGION);
    }

    @Test
    void rolesAreNamedInTheCallersAccountAndPartition() throws Exception {
        String chinaKey = "AKIACHINAEXAMPLE0001";
        String china = "arn:aws-cn:iam::210987654321:user/bob";
        aws.sts.caller(chinaKey, "chinaSecretKeyEXAMPLEKEY0001", china)
                .trust("arn:aws-cn:iam::210987654321:role/hello-dev-euw1-api-lambda-role", china);
        aws.env.put("AWS_ACCESS_KEY_ID", chinaKey);
        aws.env.put("AWS_SECRET_ACCESS_KEY", "chinaSecretKeyEXAMPLEKEY0001");
        try (LiveRoles roles = aws.start()) {
            assertThat(roles.status().get(0).roleArn()).contains("arn:aws-cn:iam::210987654321:role/hello-dev-euw1-api-lambda-role");
            assertThat(roles.status().get(0).state()).isEqualTo(RoleStatus.State.ACTIVE);
        }
    }
}
