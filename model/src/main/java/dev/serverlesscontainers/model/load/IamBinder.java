package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.config.Defaults;

import dev.serverlesscontainers.model.config.AwsPlaceholder;
import dev.serverlesscontainers.model.config.IamConfig;

import static dev.serverlesscontainers.model.load.NodeReader.join;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesscontainers.model.yaml.YNode;
import dev.serverlesscontainers.model.yaml.YNode.YMap;
import dev.serverlesscontainers.model.yaml.YNode.YScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Binds {@code compute.awsIam}: a role to use as it is, or a custom policy checked for IAM's basic shape. */
final class IamBinder {
    private final NodeReader r;

    IamBinder(NodeReader reader) {
        this.r = reader;
    }

    Optional<IamConfig> bind(YNode node, String path, String containerPath) {
        Optional<YMap> m = r.object(node, path, ConfigObject.IAM, containerPath);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> roleArn = r.string(m.get(), "roleArn", path);
        if (roleArn.isPresent() && !roleArn.get().matches(ComputeBinder.ROLE_ARN_PATTERN)) {
            r.problems.error(m.get().get("roleArn"), join(path, "roleArn"),
                    "expected an IAM role ARN like arn:aws:iam::123456789012:role/name (got " + roleArn.get() + ")");
            roleArn = Optional.empty();
        }
        Optional<String> policy = policy(m.get().get("customPolicy"), join(path, "customPolicy"));
        if (m.get().get("roleArn") != null && m.get().get("customPolicy") != null) {
            r.problems.error(m.get(), path, "set customPolicy or roleArn, not both: with roleArn the role is used as it is");
        }
        if (policy.isEmpty() && roleArn.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IamConfig(policy, roleArn));
    }

    /** A policy document given as a YAML map or as a JSON string, checked for IAM's basic shape, or as a value known only at deploy. */
    private Optional<String> policy(YNode node, String path) {
        if (node == null || r.unresolved(node) || NodeReader.isNull(node)) {
            return Optional.empty();
        }
        YNode doc = node;
        if (node instanceof YScalar s && s.value() instanceof String json) {
            if (AwsPlaceholder.isWhole(json)) {
                // a whole document known only at deploy (another resource's output): IAM checks it then
                return Optional.of(json);
            }
            try {
                JsonNode parsed = new ObjectMapper().readTree(json);
                Optional<String> problem = policyShape(parsed);
                if (problem.isPresent()) {
                    r.problems.error(node, path, problem.get());
                    return Optional.empty();
                }
                return Optional.of(withVersion(parsed).toString());
            } catch (java.io.IOException e) {
                r.problems.error(node, path, "expected an IAM policy document as a map or as JSON (got text that is not JSON)");
                return Optional.empty();
            }
        }
        if (!(doc instanceof YMap)) {
            r.problems.error(node, path, "expected an IAM policy document with Version and Statement (got " + node.describe() + ")");
            return Optional.empty();
        }
        JsonNode parsed = new ObjectMapper().valueToTree(NodeReader.toPlain(doc));
        Optional<String> problem = policyShape(parsed);
        if (problem.isPresent()) {
            r.problems.error(node, path, problem.get());
            return Optional.empty();
        }
        return Optional.of(withVersion(parsed).toString());
    }

    private static JsonNode withVersion(JsonNode policy) {
        if (policy.has("Version")) {
            return policy;
        }
        com.fasterxml.jackson.databind.node.ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("Version", Defaults.IAM_POLICY_VERSION);
        out.setAll((com.fasterxml.jackson.databind.node.ObjectNode) policy);
        return out;
    }

    private static Optional<String> policyShape(JsonNode policy) {
        if (!policy.isObject()) {
            return Optional.of("expected an IAM policy document (a map with Statement)");
        }
        JsonNode statements = policy.get("Statement");
        if (statements == null) {
            return Optional.of("the policy has no Statement");
        }
        List<JsonNode> list = new ArrayList<>();
        if (statements.isArray()) {
            statements.forEach(list::add);
        } else {
            list.add(statements);
        }
        if (list.isEmpty()) {
            return Optional.of("the policy's Statement list is empty");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String where = "Statement[" + i + "]";
            if (!s.isObject()) {
                return Optional.of(where + " must be a map with Effect, Action and Resource");
            }
            String effect = s.path("Effect").asText("");
            if (!effect.equals("Allow") && !effect.equals("Deny")) {
                return Optional.of(where + ".Effect must be Allow or Deny (got " + (effect.isEmpty() ? "nothing" : effect) + ")");
            }
            if (!s.has("Action") && !s.has("NotAction")) {
                return Optional.of(where + " needs Action (or NotAction)");
            }
            if (!s.has("Resource") && !s.has("NotResource")) {
                return Optional.of(where + " needs Resource (or NotResource)");
            }
        }
        return Optional.empty();
    }
}
