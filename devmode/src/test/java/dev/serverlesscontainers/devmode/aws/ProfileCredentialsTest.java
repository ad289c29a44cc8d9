package dev.serverlesscontainers.devmode.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The developer's credentials and region come from where the AWS CLI finds them, read from the run's environment map. */
class ProfileCredentialsTest extends AwsTestBase {
    static final String DEV_KEY = "AKIADEVPROFILE000001";
    static final String DEV_SECRET = "devProfileSecretEXAMPLEKEY000001";
    static final String DEV = "arn:aws:iam::123456789012:user/dev-profile-user";
    static final String DEFAULT_KEY = "AKIADEFAULTPROF00001";
    static final String DEFAULT_SECRET = "defaultProfileSecretEXAMPLEKEY01";
    static final String DEFAULT_USER = "arn:aws:iam::123456789012:user/default-user";


    @BeforeEach
    void setUp() throws Exception {
        aws.sts.caller(DEV_KEY, DEV_SECRET, DEV).caller(DEFAULT_KEY, DEFAULT_SECRET, DEFAULT_USER)
                .trust(Project.ADMIN_ROLE, DEV).trust(Project.ADMIN_ROLE, DEFAULT_USER);
        // the regions these tests end up in, each with the roles the component would have created there
        for (String region : java.util.List.of(Project.REGION, "ap-southeast-2", "ca-central-1", "us-west-2", "us-east-1")) {
            for (String role : java.util.List.of(Project.apiRole(region), Project.webRole(region))) {
                aws.sts.trust(role, DEV).trust(role, DEFAULT_USER).trust(role, AwsFixture.ALICE);
            }
        }
        aws.awsFile("credentials", "[default]\naws_access_key_id = " + DEFAULT_KEY + "\naws_secret_access_key = " + DEFAULT_SECRET
                + "\n\n[dev]\naws_access_key_id = " + DEV_KEY + "\naws_secret_access_key = " + DEV_SECRET + "\n");
        aws.awsFile("config", "[default]\nregion = us-west-2\n\n[profile dev]\nregion = ap-southeast-2\n");
    }

    @Test
    void awsProfileFlagWinsOverEnvironmentKeys() throws Exception {
        aws.env.remove("AWS_REGION");
        try (LiveRoles roles = aws.start(aws.project("dev"), aws.settings().withProfile("dev"))) {
            assertThat(roles.environment("api")).containsEntry("AWS_REGION", "ap-southeast-2");
        }
        assertThat(aws.sts.requests()).extracting(FakeSts.Request::accessKeyId).containsOnly(DEV_KEY);
        assertThat(aws.output.infos().get(0)).contains(DEV + " (profile dev (--aws-profile))", "region ap-southeast-2 (profile dev)");
    }

    @Test
    void environmentKeysWinOverAwsProfile() throws Exception {
        aws.env.put("AWS_PROFILE", "dev");
        try (LiveRoles roles = aws.start()) {
            assertThat(roles.anyActive()).isTrue();
        }
        assertThat(aws.sts.requests()).extracting(FakeSts.Request::accessKeyId).containsOnly(AwsFixture.ALICE_KEY);
    }

    @Test
    void awsProfileVariableIsUsedWithoutEnvironmentKeys() throws Exception {
        aws.env.remove("AWS_ACCESS_KEY_ID");
        aws.env.remove("AWS_SECRET_ACCESS_KEY");
        aws.env.put("AWS_PROFILE", "dev");
        aws.env.put("AWS_DEFAULT_REGION", "ca-central-1");
        aws.env.remove("AWS_REGION");
        try (LiveRoles roles = aws.start()) {
            assertThat(roles.environment("web")).containsEntry("AWS_REGION", "ca-central-1").containsEntry("AWS_DEFAULT_REGION", "ca-central-1");
        }
        assertThat(aws.sts.requests()).extracting(FakeSts.Request::accessKeyId).containsOnly(DEV_KEY);
        assertThat(aws.output.infos().get(0)).contains("profile dev (AWS_PROFILE)", "ca-central-1 (AWS_DEFAULT_REGION)");
    }

    @Test
    void theDefaultProfileIsTheLastResort() throws Exception {
        aws.env.remove("AWS_ACCESS_KEY_ID");
        aws.env.remove("AWS_SECRET_ACCESS_KEY");
        aws.env.remove("AWS_REGION");
        try (LiveRoles roles = aws.start()) {
            assertThat(roles.environment("admin")).containsEntry("AWS_REGION", "us-west-2");
        }
        assertThat(aws.sts.requests()).extracting(FakeSts.Request::accessKeyId).containsOnly(DEFAULT_KEY);
    }

    @Test
    void filesNamedByTheEnvironmentAreRead() throws Exception {
        aws.env.remove("AWS_ACCESS_KEY_ID");
        aws.env.remove("AWS_SECRET_ACCESS_KEY");
        Path elsewhere = temp.resolve("elsewhere-credentials");
        java.nio.file.Files.writeString(elsewhere, "[ci]\naws_access_key_id = " + DEV_KEY + "\naws_secret_access_key = " + DEV_SECRET + "\n");
        aws.env.put("AWS_SHARED_CREDENTIALS_FILE", elsewhere.toString());
        try (LiveRoles roles = aws.start(aws.project("dev"), aws.settings().withProfile("ci"))) {
            assertThat(roles.anyActive()).isTrue();
        }
        assertThat(aws.sts.requests()).extracting(FakeSts.Request::accessKeyId).containsOnly(DEV_KEY);
    }

    @Test
    void anUnknownProfileFlagIsBadInput() throws Exception {
        assertThatThrownBy(() -> aws.start(aws.project("dev"), aws.settings().withProfile("staging")))
                .isInstanceOf(AwsSetupException.class)
                .hasMessage("--aws-profile staging: no such profile in " + aws.home.resolve(".aws/config") + " and "
                        + aws.home.resolve(".aws/credentials") + " (expected [profile staging] in the config file or [staging] "
                        + "in the credentials file)");
        assertThat(aws.sts.requests()).isEmpty();
        assertThat(aws.http.closed()).as("a failed start releases the HTTP client").isTrue();
    }

    @Test
    void withoutAnyRegionSettingUsEast1IsUsedAndSaidSo() throws Exception {
        aws.awsFile("config", "[profile other]\nregion = eu-north-1\n");
        aws.env.remove("AWS_REGION");
        try (LiveRoles roles = aws.start()) {
            assertThat(roles.environment("api")).containsEntry("AWS_REGION", "us-east-1");
        }
        assertThat(aws.output.infos().get(0)).contains("region us-east-1 (default; set AWS_REGION to the stage's region)");
    }

    @Test
    void anSsoProfileIsResolvedByTheSdkAndAnEndedSessionSaysToSignIn() throws Exception {
        aws.awsFile("config", "[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Developer\n"
                + "region = eu-west-1\n\n[sso-session corp]\nsso_start_url = https://corp-scf-dev-test.awsapps.com/start\n"
                + "sso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n");
        try (LiveRoles roles = aws.start(aws.project("dev"), aws.settings().withProfile("sso"))) {
            assertThat(roles.anyActive()).isFalse();
        }
        // no token is cached for this session, so the SDK's SSO support (on the class path) says so; nothing is sent
        assertThat(aws.output.warnings()).singleElement().satisfies(w -> assertThat(w)
                .startsWith("containers start without AWS credentials: the credentials of profile sso (--aws-profile) could not be loaded (")
                .doesNotContain("must be on the class path")
                .contains("aws sso login --profile sso"));
        assertThat(aws.sts.requests()).isEmpty();
    }
}
