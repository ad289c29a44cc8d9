package dev.serverlesscontainers.devmode.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionNamesTest {

    @Test
    void namesTheToolTheContainerAndTheDeveloper() {
        assertThat(SessionNames.of("api", new CallerIdentity("123456789012", "arn:aws:iam::123456789012:user/alice")))
                .isEqualTo("scf-dev.api.alice");
        assertThat(SessionNames.of("web", new CallerIdentity("123456789012",
                "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123/alice@example.com")))
                .isEqualTo("scf-dev.web.alice@example.com");
        assertThat(SessionNames.of("api", new CallerIdentity("123456789012", "arn:aws:iam::123456789012:root")))
                .isEqualTo("scf-dev.api.root");
    }

    @Test
    void staysWithinStsRulesAndStable() {
        CallerIdentity longName = new CallerIdentity("123456789012",
                "arn:aws:sts::123456789012:assumed-role/Dev/a.very.long.developer.name+with~odd chars@subsidiary.example.com");
        String name = SessionNames.of("a-container-with-a-long-name", longName);
        assertThat(name).hasSize(SessionNames.MAX_LENGTH).matches("[\\w+=,.@-]{2,64}").startsWith("scf-dev.a-container-with-a-long-name.");
        assertThat(SessionNames.of("a-container-with-a-long-name", longName)).isEqualTo(name);
        assertThat(SessionNames.of("a-container-with-a-long-name-2", longName)).isNotEqualTo(name);
    }

    @Test
    void callerIdentityKnowsTheRoleBehindASession() {
        CallerIdentity sso = new CallerIdentity("123456789012", "arn:aws-us-gov:sts::123456789012:assumed-role/Dev/bob");
        assertThat(sso.partition()).isEqualTo("aws-us-gov");
        assertThat(sso.roleArn()).contains("arn:aws-us-gov:iam::123456789012:role/Dev");
        assertThat(new CallerIdentity("123456789012", "arn:aws:iam::123456789012:user/alice").roleArn()).isEmpty();
    }
}
