package dev.serverlesscontainers.model.naming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {
    private final Names names = Names.of("hello", "dev");

    @Test
    void namesArePrefixedWithNameStageAndKeyedByContainer() {
        assertThat(names.prefix()).isEqualTo("hello-dev").isEqualTo(Names.prefix("hello", "dev"));
        assertThat(Names.lambdaLogGroup(names.container("api", ResourceKind.LAMBDA_FUNCTION))).isEqualTo("/aws/lambda/hello-dev-api-fn");
        assertThat(names.project(ResourceKind.LOAD_BALANCER)).isEqualTo("hello-dev-alb");
        assertThat(names.project("alb", ResourceKind.SECURITY_GROUP)).isEqualTo("hello-dev-alb-sg");
        assertThat(names.container("api", ResourceKind.LAMBDA_FUNCTION)).isEqualTo("hello-dev-api-fn");
        assertThat(names.container("web", "cpu", ResourceKind.AUTOSCALING_POLICY)).isEqualTo("hello-dev-web-cpu-policy");
    }

    @Test
    void everyKindStaysWithinItsLimitAndLongNamesStayUniqueAndStable() {
        Names longNames = Names.of("a-sixteen-chars_", "production-east");
        String container = "a-container-name-that-is-quite-long-indeed-and-then-some-more";
        for (ResourceKind kind : ResourceKind.values()) {
            String n = longNames.container(container, kind);
            assertThat(n.length()).as(kind.name()).isLessThanOrEqualTo(kind.maxLength());
            assertThat(longNames.container(container, kind)).isEqualTo(n);
            assertThat(longNames.container(container + "x", kind)).isNotEqualTo(n);
        }
        String tg = longNames.container(container, ResourceKind.TARGET_GROUP);
        assertThat(tg).hasSize(32).matches("[A-Za-z0-9-]+").doesNotEndWith("-").endsWith("-" + Names.hash("a-sixteen-chars_-production-east-" + container + "-tg"));
    }

    @Test
    void aReplaceableNameChangesExactlyWhenWhatForcesAReplacementChanges() {
        String tg = Names.replaceable("hello-dev-api-tg", ResourceKind.TARGET_GROUP, List.of("8080", "HTTP", "vpc-1"));
        assertThat(tg).startsWith("hello-dev-api-tg-").hasSize("hello-dev-api-tg-".length() + Names.HASH_LENGTH);
        assertThat(Names.replaceable("hello-dev-api-tg", ResourceKind.TARGET_GROUP, List.of("8080", "HTTP", "vpc-1"))).isEqualTo(tg);
        assertThat(Names.replaceable("hello-dev-api-tg", ResourceKind.TARGET_GROUP, List.of("8081", "HTTP", "vpc-1"))).isNotEqualTo(tg);
        assertThat(Names.replaceable("hello-dev-api-tg", ResourceKind.TARGET_GROUP, List.of("8080", "HTTP", "vpc-2"))).isNotEqualTo(tg);
        String longName = Names.of("a-sixteen-chars_", "production-east").container("a-long-container-name", ResourceKind.TARGET_GROUP);
        assertThat(Names.replaceable(longName, ResourceKind.TARGET_GROUP, List.of("x"))).hasSizeLessThanOrEqualTo(32)
                .isNotEqualTo(Names.replaceable(longName, ResourceKind.TARGET_GROUP, List.of("y")));
    }

    @Test
    void charactersAreFittedToEachKind() {
        Names underscored = Names.of("My_App", "dev");
        assertThat(underscored.project(ResourceKind.LOAD_BALANCER)).isEqualTo("My-App-dev-alb");
        assertThat(underscored.container("api", ResourceKind.ECR_REPOSITORY)).isEqualTo("my_app-dev-api-repo");
        assertThat(underscored.container("api", ResourceKind.LAMBDA_FUNCTION)).isEqualTo("My_App-dev-api-fn");
        assertThat(underscored.container("api", ResourceKind.IAM_ROLE)).isEqualTo("My_App-dev-api-role");
    }

    @Test
    void ecrRepositoryNamesFollowEcrsRuleAndStayUnique() {
        String ecr = "[a-z0-9]+(?:[._-][a-z0-9]+)*";
        String leading = Names.of("_app", "dev").container("api", ResourceKind.ECR_REPOSITORY);
        String doubled = Names.of("my__app", "dev").container("api", ResourceKind.ECR_REPOSITORY);
        String mixed = Names.of("my_-app", "dev").container("api", ResourceKind.ECR_REPOSITORY);
        String trailingStage = Names.of("shop", "qa_").container("api", ResourceKind.ECR_REPOSITORY);
        assertThat(leading).matches(ecr).isEqualTo("app-dev-api-repo-" + Names.hash("_app-dev-api-repo"));
        assertThat(doubled).matches(ecr).isEqualTo("my_app-dev-api-repo-" + Names.hash("my__app-dev-api-repo"));
        assertThat(mixed).matches(ecr).startsWith("my_app-dev-api-repo-");
        assertThat(trailingStage).matches(ecr).startsWith("shop-qa_api-repo-");
        // tidied names keep apart what they would otherwise merge, and stay the same from run to run
        assertThat(List.of(leading, doubled, mixed, Names.of("my_app", "dev").container("api", ResourceKind.ECR_REPOSITORY))).doesNotHaveDuplicates();
        assertThat(Names.of("my__app", "dev").container("api", ResourceKind.ECR_REPOSITORY)).isEqualTo(doubled);
        // names ECR already accepts are unchanged
        assertThat(Names.of("my_app", "dev").container("api", ResourceKind.ECR_REPOSITORY)).isEqualTo("my_app-dev-api-repo");
    }

    @Test
    void aContainersRoleIsNamedAfterItsComputeSoASwitchMakesANewOne() {
        assertThat(names.containerRole("api", dev.serverlesscontainers.model.config.ComputeType.AWS_LAMBDA)).isEqualTo("hello-dev-api-lambda-role");
        assertThat(names.containerRole("api", dev.serverlesscontainers.model.config.ComputeType.AWS_FARGATE_ECS)).isEqualTo("hello-dev-api-fargate-role");
    }

    @Test
    void shortNamesAreNeverHashed() {
        assertThat(names.container("api", ResourceKind.TARGET_GROUP)).isEqualTo("hello-dev-api-tg");
    }
}
