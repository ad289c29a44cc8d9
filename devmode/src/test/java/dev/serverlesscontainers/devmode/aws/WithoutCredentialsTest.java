package dev.serverlesscontainers.devmode.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Every way containers end up without AWS credentials: they still start (empty environment), and
 * exactly one warning says why and what to do.
 */
class WithoutCredentialsTest extends AwsTestBase {

    private void assertEveryContainerWithout(LiveRoles roles) {
        for (String c : new String[] {"api", "web", "admin"}) {
            assertThat(roles.environment(c)).as(c).isEmpty();
        }
        assertThat(roles.status()).extracting(RoleStatus::state).containsOnly(RoleStatus.State.NONE);
        assertThat(roles.status()).allSatisfy(s -> assertThat(s.detail()).isPresent());
        assertThat(roles.anyActive()).isFalse();
        assertThat(aws.output.warnings()).as("exactly one warning").hasSize(1);
    }

    @Test
    void deniedAssumeRoleNamesTheCallerAndDevTrustPrincipalArns() throws Exception {
        aws.sts.caller("AKIABOBEXAMPLE000001", "bobSecretKeyEXAMPLEKEY000001", "arn:aws:sts::123456789012:assumed-role/Developer/bob@example.com");
        aws.env.put("AWS_ACCESS_KEY_ID", "AKIABOBEXAMPLE000001");
        aws.env.put("AWS_SECRET_ACCESS_KEY", "bobSecretKeyEXAMPLEKEY000001");
        try (LiveRoles roles = aws.start()) {
            assertEveryContainerWithout(roles);
            assertThat(aws.sts.requests("AssumeRole")).hasSize(3);
        }
        String warning = aws.output.warnings().get(0);
        assertThat(warning).startsWith("api, web, admin start without AWS credentials:")
                .contains("AssumeRole was denied for arn:aws:sts::123456789012:assumed-role/Developer/bob@example.com")
                .contains("arn:aws:iam::123456789012:role/Developer")
                .contains("devTrustPrincipalArns for stage dev", "`pulumi up`", "production stages never allow it")
                .contains("If stage dev is not deployed in account 123456789012, deploy it first")
                .contains(Project.API_ROLE, Project.WEB_ROLE)
                // the role the user brings is not the component's to change
                .contains("admin: its role " + Project.ADMIN_ROLE + " (compute.awsIam.roleArn) does not let")
                .contains("devTrustPrincipalArns does not change it");
        assertThat(aws.output.infos()).isEmpty();
    }

    @Test
    void someContainersDeniedOthersRun() throws Exception {
        aws.sts.distrust(Project.WEB_ROLE).distrust(Project.ADMIN_ROLE);
        try (LiveRoles roles = aws.start()) {
            assertThat(roles.environment("api")).containsKey("AWS_SESSION_TOKEN");
            assertThat(roles.environment("web")).isEmpty();
            assertThat(roles.status()).extracting(RoleStatus::state)
                    .containsExactly(RoleStatus.State.ACTIVE, RoleStatus.State.NONE, RoleStatus.State.NONE);
            assertThat(roles.status().get(1).detail()).hasValueSatisfying(d -> assertThat(d).startsWith("AccessDenied:"));
            assertThat(roles.status().get(1).roleArn()).as("the role tried is shown").contains(Project.WEB_ROLE);
            assertThat(roles.status().get(2).roleSource()).contains("compute.awsIam.roleArn");
        }
        assertThat(aws.output.infos()).singleElement().satisfies(i -> assertThat(i).contains("1 container runs as its deployed role"));
        assertThat(aws.output.warnings()).singleElement().satisfies(w -> assertThat(w).startsWith("web, admin start without AWS credentials"));
    }

    @Test
    void expiredCallerCredentialsSayToSignInAgain() throws Exception {
        aws.sts.expire(AwsFixture.ALICE_KEY);
        try (LiveRoles roles = aws.start()) {
            assertEveryContainerWithout(roles);
        }
        assertThat(aws.output.warnings().get(0)).startsWith("containers start without AWS credentials: the credentials of "
                + "AWS_ACCESS_KEY_ID in the environment have expired (ExpiredToken: The security token included in the request is expired)")
                .contains("sign in again");
        assertThat(aws.sts.requests("AssumeRole")).isEmpty();
    }

    @Test
    void unknownCallerCredentialsAreRejected() throws Exception {
        aws.env.put("AWS_ACCESS_KEY_ID", "AKIADELETEDKEY000001");
        try (LiveRoles roles = aws.start()) {
            assertEveryContainerWithout(roles);
        }
        assertThat(aws.output.warnings().get(0)).contains("AWS does not accept the credentials of AWS_ACCESS_KEY_ID in the environment")
                .contains("InvalidClientTokenId");
    }

    @Test
    void noCredentialsAnywhereMeansNoCallAndOneWarning() throws Exception {
        aws.env.remove("AWS_ACCESS_KEY_ID");
        aws.env.remove("AWS_SECRET_ACCESS_KEY");
        try (LiveRoles roles = aws.start()) {
            assertEveryContainerWithout(roles);
        }
        assertThat(aws.output.warnings().get(0)).isEqualTo("containers start without AWS credentials: found no AWS_ACCESS_KEY_ID in the "
                + "environment and no AWS config or credentials file. To run them as their deployed roles, sign "
                + "in to AWS (aws sso login, AWS_PROFILE or --aws-profile) and start scf-dev again; --no-aws says you mean it");
        assertThat(aws.sts.requests()).isEmpty();
        assertThat(aws.http.hosts()).isEmpty();
    }

    @Test
    void noAwsFlagSkipsAwsEntirely() throws Exception {
        try (LiveRoles roles = aws.start(aws.project("dev"), aws.settings().withEnabled(false))) {
            assertEveryContainerWithout(roles);
            assertThat(roles.status()).extracting(s -> s.detail().orElseThrow()).containsOnly("--no-aws");
        }
        assertThat(aws.output.warnings()).containsExactly("containers start without AWS credentials (--no-aws)");
        assertThat(aws.sts.requests()).isEmpty();
    }

    @Test
    void aProductionStageIsNeverAssumed() throws Exception {
        try (LiveRoles roles = aws.start(aws.project("prod"), aws.settings())) {
            assertEveryContainerWithout(roles);
        }
        assertThat(aws.output.warnings().get(0)).contains("stage prod is a production stage (--production-stages prod,production)",
                "never assumes production roles", "refuses devTrustPrincipalArns there");
        assertThat(aws.sts.requests()).isEmpty();
    }

    @Test
    void productionStagesCompareAsTheComponentCompares() throws Exception {
        try (LiveRoles roles = aws.start(aws.project("Production"), aws.settings())) {
            assertEveryContainerWithout(roles);
        }
        assertThat(aws.output.warnings().get(0)).as("case is ignored").contains("stage Production is a production stage");
        assertThat(aws.sts.requests()).isEmpty();
    }

    @Test
    void aCustomProductionStageIsNeverAssumedAndReplacesTheDefaults() throws Exception {
        AwsSettings live = aws.settings().withProductionStages(java.util.List.of("live"));
        try (LiveRoles roles = aws.start(aws.project("live"), live)) {
            assertEveryContainerWithout(roles);
        }
        assertThat(aws.output.warnings().get(0)).contains("stage live is a production stage (--production-stages live)");
        assertThat(aws.sts.requests()).isEmpty();

        try (LiveRoles roles = aws.start(aws.project("prod"), live)) {
            assertThat(roles.status()).extracting(RoleStatus::roleArn).as("prod is not in the list: its roles are tried")
                    .containsExactly(java.util.Optional.of("arn:aws:iam::123456789012:role/hello-prod-euw1-api-lambda-role"),
                            java.util.Optional.of("arn:aws:iam::123456789012:role/hello-prod-euw1-web-fargate-role"),
                            java.util.Optional.of(Project.ADMIN_ROLE));
        }
        assertThat(aws.sts.requests("AssumeRole")).hasSize(3);
    }

    @Test
    void anUnreachableStsIsOneWarning() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        AwsSettings settings = AwsSettings.of(aws.env).withStsEndpoint(java.net.URI.create("http://127.0.0.1:" + port));
        try (LiveRoles roles = aws.start(aws.project("dev"), settings)) {
            assertEveryContainerWithout(roles);
        }
        assertThat(aws.output.warnings().get(0)).startsWith("containers start without AWS credentials: could not reach STS at "
                + "http://127.0.0.1:" + port + ": ");
    }
}
