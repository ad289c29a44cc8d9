package dev.serverlesscontainers.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serverlesscontainers.components.MockAws.Registered;
import dev.serverlesscontainers.components.TestDeploy.Deployed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Named resources that a change makes AWS replace. Pulumi creates a replacement before it deletes the
 * original, so their AWS names carry a hash of the inputs that force the replacement: the name changes
 * exactly when a replacement is due, the two never share a name, and dependents move to the
 * replacement before the original (then unused) is deleted. None of these kinds deletes first, which
 * would leave a gap in service.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReplacementNamesTest {
    /** The name input, and the inputs the AWS provider marks as forcing a replacement, that the component sets. */
    record Kind(String nameInput, List<String> forceNew) {}

    static final Map<String, Kind> REPLACEABLE = Map.of(
            "aws:lb/targetGroup:TargetGroup", new Kind("name", List.of("port", "protocol", "targetType", "vpcId")),
            // AWS cannot move a load balancer to another VPC: subnets of another VPC need a new one
            "aws:lb/loadBalancer:LoadBalancer", new Kind("name", List.of("loadBalancerType", "internal", "subnets")),
            "aws:ec2/securityGroup:SecurityGroup", new Kind("name", List.of("description", "vpcId")),
            "aws:ecs/service:Service", new Kind("name", List.of("cluster", "launchType")),
            "aws:lambda/permission:Permission", new Kind("statementId", List.of("action", "principal", "qualifier", "sourceArn")));

    @TempDir
    Path project;

    private Deployed deploy() {
        return TestDeploy.deployed(project);
    }

    private void edit(String from, String to) throws Exception {
        Path config = project.resolve("serverless.containers.yml");
        String text = Files.readString(config);
        assertThat(text).contains(from);
        Files.writeString(config, text.replace(from, to));
    }

    private static String vpc(int n) {
        return TestDeploy.nameWithExistingVpc("shop", n);
    }

    @Test
    void everyReplaceableNameIsItsLogicalNameAndAHashAndNoneDeletesFirst() {
        TestDeploy.copyProject("shop", project);
        Deployed d = deploy();
        for (String type : REPLACEABLE.keySet()) {
            List<Registered> all = d.aws().ofType(type);
            assertThat(all).as(type).isNotEmpty();
            for (Registered r : all) {
                String awsName = r.string(REPLACEABLE.get(type).nameInput());
                String base = type.equals("aws:lambda/permission:Permission") ? "AllowCloudFront" + r.string("action").substring("lambda:".length())
                        : r.name();
                assertThat(awsName).as(r.name()).matches(java.util.regex.Pattern.quote(base) + "-[0-9a-f]{7}");
                // explicitly false: the AWS provider asks to delete first for any name a program sets, and only an
                // explicit option overrides that (a load balancer deleted first would still be in use by its VPC origin)
                assertThat(d.placement(r.name()).deleteBeforeReplace()).as(r.name()).contains(false);
            }
        }
    }

    @Test
    void anUnchangedProjectKeepsEveryNameAndAReplacementForcingChangeRenamesOnlyWhatItReplaces() throws Exception {
        TestDeploy.copyProject("shop", project);
        Deployed created = deploy();
        assertNamesFollowReplacements(created, deploy());

        edit("name: shop\n", vpc(1));
        Deployed inUserVpc = deploy();
        edit(vpc(1), vpc(2));
        Deployed inOtherVpc = deploy();
        assertNamesFollowReplacements(inUserVpc, inOtherVpc);
        String before = inUserVpc.aws().named("aws:lb/targetGroup:TargetGroup", "shop-dev-web-tg").string("name");
        String after = inOtherVpc.aws().named("aws:lb/targetGroup:TargetGroup", "shop-dev-web-tg").string("name");
        assertThat(after).as("a target group in another VPC is a new one, beside the old").isNotEqualTo(before);
        // the Lambda container's permissions name nothing of the VPC: they stay
        assertThat(inOtherVpc.aws().named("aws:lambda/permission:Permission", "shop-dev-api-url-invoke").string("statementId"))
                .isEqualTo(inUserVpc.aws().named("aws:lambda/permission:Permission", "shop-dev-api-url-invoke").string("statementId"));
    }

    @Test
    void aRenamedContainerGetsNewNamesAndAListenerRulePriorityTheOldRuleDoesNotHold() throws Exception {
        TestDeploy.copyProject("shop", project);
        Deployed before = deploy();
        edit("  web:\n", "  site:\n");
        Deployed after = deploy();
        for (String type : List.of("aws:lb/targetGroup:TargetGroup", "aws:ecs/service:Service")) {
            List<String> old = before.aws().ofType(type).stream().map(r -> r.string("name")).toList();
            assertThat(after.aws().ofType(type)).extracting(r -> r.string("name")).as(type).doesNotContainAnyElementsOf(old);
        }
        // the new rule is created while the old one still exists: their priorities must differ
        Object oldPriority = before.aws().named("aws:lb/listenerRule:ListenerRule", "shop-dev-web-rule").inputs().get("priority");
        Object newPriority = after.aws().named("aws:lb/listenerRule:ListenerRule", "shop-dev-site-rule").inputs().get("priority");
        assertThat(newPriority).isNotEqualTo(oldPriority);
    }

    /** For every replaceable resource in both deployments: its AWS name changed if and only if an input forcing replacement did. */
    private static void assertNamesFollowReplacements(Deployed before, Deployed after) {
        for (Map.Entry<String, Kind> kind : REPLACEABLE.entrySet()) {
            for (Registered old : before.aws().ofType(kind.getKey())) {
                Registered now = after.aws().ofType(kind.getKey()).stream().filter(r -> r.name().equals(old.name())).findFirst().orElse(null);
                if (now == null) {
                    continue;
                }
                boolean replaced = kind.getValue().forceNew().stream().anyMatch(k -> !Objects.equals(old.inputs().get(k), now.inputs().get(k)));
                String oldName = old.string(kind.getValue().nameInput());
                String newName = now.string(kind.getValue().nameInput());
                if (replaced) {
                    assertThat(newName).as(old.name() + " is replaced: its replacement needs another name").isNotEqualTo(oldName);
                } else {
                    assertThat(newName).as(old.name() + " is not replaced: it keeps its name").isEqualTo(oldName);
                }
            }
        }
    }
}
