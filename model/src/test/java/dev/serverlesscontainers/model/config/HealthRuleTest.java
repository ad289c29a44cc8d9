package dev.serverlesscontainers.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthRuleTest {
    @Test
    void fargateTargetsAreHealthyOnTwoHundredsAndRedirectsAsTheTargetGroupMatcherSays() {
        assertThat(HealthRule.albMatcher()).isEqualTo("200-399");
        assertThat(HealthRule.healthy(ComputeType.AWS_FARGATE_ECS, 200)).isTrue();
        assertThat(HealthRule.healthy(ComputeType.AWS_FARGATE_ECS, 302)).isTrue();
        assertThat(HealthRule.healthy(ComputeType.AWS_FARGATE_ECS, 404)).isFalse();
        assertThat(HealthRule.healthy(ComputeType.AWS_FARGATE_ECS, 199)).isFalse();
    }

    @Test
    void lambdaIsReadyBelowFiveHundredAsTheWebAdapterSays() {
        assertThat(HealthRule.healthy(ComputeType.AWS_LAMBDA, 404)).isTrue();
        assertThat(HealthRule.healthy(ComputeType.AWS_LAMBDA, 500)).isFalse();
        assertThat(HealthRule.describe(ComputeType.AWS_LAMBDA)).isEqualTo("100-499, as the Lambda Web Adapter's readiness check");
    }
}
