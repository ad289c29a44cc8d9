package dev.serverlesscontainers.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesscontainers.e2e.SimulatedAccount.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The replay that RouteWindow does finds a window exactly when one exists, on hand-written event logs. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RouteWindowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FN = "urn:pulumi:dev::p::aws:cloudfront/function:Function::router";
    private static final String FN_ARN = "arn:aws:cloudfront::123456789012:function/router";
    private static final String CDN = "urn:pulumi:dev::p::aws:cloudfront/distribution:Distribution::cdn";
    private static final String KEYS = "urn:pulumi:dev::p::aws:cloudfront/keyvaluestoreKeysExclusive:KeyvaluestoreKeysExclusive::keys";

    private final List<Event> log = new ArrayList<>();

    @Test
    void theComponentsOrderWhenAContainerIsAddedLeavesNoWindow() {
        deployed("api");
        both("update", FN, function("api", "extra"));
        both("update", CDN, distribution("api", "extra"));
        both("update", KEYS, keys("api", "extra"));

        assertThat(RouteWindow.missingOrigins(log, "dev")).isEmpty();
    }

    @Test
    void aKeyWrittenBeforeTheDistributionHasTheOriginIsAWindow() {
        deployed("api");
        both("update", FN, function("api", "extra"));
        both("update", KEYS, keys("api", "extra"));
        both("update", CDN, distribution("api", "extra"));

        assertThat(RouteWindow.missingOrigins(log, "dev")).isNotEmpty().first().asString().contains("[extra]");
    }

    @Test
    void aKeyBeingWrittenWhileTheDistributionDeploysIsAWindow() {
        deployed("api");
        both("update", FN, function("api", "extra"));
        event("start", "update", CDN, distribution("api", "extra"));
        event("start", "update", KEYS, keys("api", "extra"));
        event("end", "update", CDN, distribution("api", "extra"));
        event("end", "update", KEYS, keys("api", "extra"));

        assertThat(RouteWindow.missingOrigins(log, "dev")).hasSize(1);
    }

    @Test
    void aRuleWhoseKeyIsLeftOverFromARemovedContainerIsAWindow() {
        deployed("api");
        both("update", KEYS, keys("api", "extra")); // a stale key, say
        both("update", FN, function("api", "extra"));

        assertThat(RouteWindow.missingOrigins(log, "dev")).isNotEmpty();
    }

    @Test
    void removingAContainerRuleFirstThenOriginThenKeyLeavesNoWindow() {
        deployed("api", "extra");
        both("update", FN, function("api"));
        both("update", CDN, distribution("api"));
        both("update", KEYS, keys("api"));

        assertThat(RouteWindow.missingOrigins(log, "dev")).isEmpty();
    }

    private void deployed(String... containers) {
        both("create", FN, function(containers));
        both("create", CDN, distribution(containers));
        both("create", KEYS, keys(containers));
    }

    private void both(String operation, String urn, ObjectNode detail) {
        event("start", operation, urn, detail);
        event("end", operation, urn, detail);
    }

    private void event(String phase, String operation, String urn, ObjectNode detail) {
        ObjectNode copy = detail.deepCopy();
        if (phase.equals("end") && urn.equals(FN)) {
            copy.put("arn", FN_ARN);
        }
        String type = urn.substring(urn.indexOf("::", urn.indexOf("::") + 2) + 2, urn.lastIndexOf("::"));
        log.add(new Event(log.size() + 1, phase, operation, type, urn, "", copy));
    }

    private static ObjectNode function(String... origins) {
        var routes = JSON.createArrayNode();
        for (String origin : origins) {
            routes.add(JSON.createArrayNode().addNull().add("/" + origin + "/*").add(origin).add(origin));
        }
        return JSON.createObjectNode().put("code", "import cf from 'cloudfront';\nvar ROUTES = " + routes + ";\nvar X = [1];\n");
    }

    private static ObjectNode distribution(String... origins) {
        ObjectNode detail = JSON.createObjectNode();
        var list = detail.putArray("origins");
        for (String origin : origins) {
            list.addObject().put("originId", origin);
        }
        detail.putArray("functions").add(FN_ARN);
        return detail;
    }

    private static ObjectNode keys(String... origins) {
        ObjectNode detail = JSON.createObjectNode();
        var list = detail.putArray("keys");
        for (String origin : origins) {
            list.add(origin);
        }
        return detail;
    }
}
