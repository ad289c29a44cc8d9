package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.components.MockAws.Registered;
import dev.serverlesscontainers.components.TestDeploy.Deployed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * No window for new routes: the routing function is published before the distribution (which needs
 * its ARN), so it may know a container whose origin the edge does not have yet; it only uses an origin
 * whose id is a key of the key value store, and the keys are written after the distribution is
 * deployed. (The function's side of this is in {@code RoutingFunctionTest}.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NewRouteOriginTest {
    private static final String KEYS = "aws:cloudfront/keyvaluestoreKeysExclusive:KeyvaluestoreKeysExclusive";

    /** The id the mock gives the store, the last part of its ARN. */
    private static final String STORE_ID = java.util.UUID.nameUUIDFromBytes("shop-dev-origins".getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .toString();

    @TempDir
    Path project;

    private static List<String> originIds(Deployed d) {
        return ((List<?>) d.aws().ofType("aws:cloudfront/distribution:Distribution").get(0).inputs().get("origins")).stream()
                .map(o -> ((Map<?, ?>) o).get("originId").toString()).toList();
    }

    private static List<String> keys(Deployed d) {
        return ((List<?>) d.aws().named(KEYS, "shop-dev-origin-keys").inputs().get("resourceKeyValuePairs")).stream()
                .map(k -> ((Map<?, ?>) k).get("key").toString()).toList();
    }

    @Test
    void anAddedContainersOriginBecomesAKeyOnlyAfterTheDistributionThatHasIt() throws Exception {
        TestDeploy.copyProject("shop", project);
        Deployed before = TestDeploy.deployed(project);
        assertThat(before.aws().named("aws:cloudfront/keyValueStore:KeyValueStore", "shop-dev-origins").inputs())
                .containsEntry("name", "shop-dev-euw1-origins");
        Registered router = before.aws().named("aws:cloudfront/function:Function", "shop-dev-router");
        assertThat(router.inputs().get("keyValueStoreAssociations")).isEqualTo(List.of(
                "arn:aws:cloudfront::123456789012:key-value-store/" + STORE_ID));
        assertThat(router.string("code")).contains("cf.kvs(\"" + STORE_ID + "\")")
                .doesNotContain(RoutingFunction.STORE_ID_PLACEHOLDER);
        assertThat(keys(before)).containsExactlyInAnyOrderElementsOf(originIds(before));

        Path config = project.resolve("serverless.containers.yml");
        Files.writeString(config, Files.readString(config) + """
                  orders:
                    src: ./api
                    routing:
                      pathPattern: /api/orders/*
                      pathHealthCheck: /api/orders/health
                """);
        Deployed after = TestDeploy.deployed(project);
        assertThat(after.aws().named("aws:cloudfront/function:Function", "shop-dev-router").string("code")).contains("\"orders\"");
        assertThat(originIds(after)).contains("orders");
        assertThat(keys(after)).containsExactlyInAnyOrderElementsOf(originIds(after));
        // the order the engine follows: the keys wait for the distribution; the function does not wait for the keys
        assertThat(after.placement("shop-dev-origin-keys").dependsOn()).contains("shop-dev-cdn");
        assertThat(after.placement("shop-dev-router").dependsOn()).doesNotContain("shop-dev-origin-keys");
        assertThat(after.aws().named("aws:cloudfront/distribution:Distribution", "shop-dev-cdn").inputs()).containsEntry("waitForDeployment", true);
    }
}
