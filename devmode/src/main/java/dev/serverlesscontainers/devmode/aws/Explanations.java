package dev.serverlesscontainers.devmode.aws;

import dev.serverlesscontainers.model.config.ProjectConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The words of every warning: what happened, why, and what to do. One message per event, however many containers it concerns. */
final class Explanations {
    private Explanations() {}

    static final String WITHOUT = "start without AWS credentials";

    static String disabled() {
        return "containers " + WITHOUT + " (--no-aws)";
    }

    static String productionStage(String stage, List<String> productionStages) {
        return "containers " + WITHOUT + ": stage " + stage + " is a production stage (--production-stages "
                + String.join(",", productionStages) + "), and scf-dev never assumes production roles (the component refuses "
                + "devTrustPrincipalArns there); run scf-dev on a development stage to use live roles";
    }

    static String noCredentials(CallerCredentials caller) {
        return "containers " + WITHOUT + ": found " + caller.source() + ". To run them as their deployed roles, sign in to "
                + "AWS (aws sso login, AWS_PROFILE or --aws-profile) and start scf-dev again; --no-aws says you mean it";
    }

    /** GetCallerIdentity failed, so no role can be assumed. */
    static String callerFailed(StsFailure f, CallerCredentials caller, StsGateway sts) {
        String prefix = "containers " + WITHOUT + ": ";
        return prefix + switch (f.kind()) {
            case NO_CREDENTIALS -> "the credentials of " + caller.source() + " could not be loaded (" + f.getMessage()
                    + "); sign in again (for SSO: aws sso login --profile " + caller.profileName() + ") and start scf-dev again";
            case CALLER_EXPIRED -> "the credentials of " + caller.source() + " have expired (" + f.getMessage()
                    + "); sign in again (for SSO: aws sso login --profile " + caller.profileName() + ") and start scf-dev again";
            case CALLER_INVALID -> "AWS does not accept the credentials of " + caller.source() + " (" + f.getMessage() + ")";
            case UNREACHABLE -> f.getMessage();
            default -> "STS GetCallerIdentity at " + sts.endpoint() + " failed (" + f.getMessage() + ")";
        };
    }

    /**
     * Every container that starts without credentials although the caller is known, grouped by reason.
     *
     * @param failures container to why its AssumeRole failed
     */
    static String assumeFailures(ProjectConfig config, CallerIdentity caller, Map<String, RoleDiscovery.Target> targets,
            Map<String, StsFailure> failures, List<String> notInOutputs, String outputsFile) {
        List<String> lines = new ArrayList<>();
        List<String> deniedComponent = new ArrayList<>();
        List<String> deniedOwn = new ArrayList<>();
        boolean named = false;
        for (Map.Entry<String, StsFailure> e : failures.entrySet()) {
            RoleDiscovery.Target t = targets.get(e.getKey());
            if (e.getValue().kind() == StsFailure.Kind.DENIED) {
                (t.source().componentRole() ? deniedComponent : deniedOwn).add(e.getKey());
                named |= t.source() == RoleDiscovery.Source.COMPONENT_NAME;
            } else {
                lines.add(e.getKey() + ": AssumeRole of " + t.roleArn() + " failed (" + e.getValue().getMessage() + ")");
            }
        }
        if (!deniedComponent.isEmpty()) {
            StringBuilder b = new StringBuilder(names(deniedComponent) + ": AssumeRole was denied for " + caller.arn()
                    + ". List that ARN");
            caller.roleArn().ifPresent(r -> b.append(" (or the role behind the session, ").append(r)
                    .append(", with its path if it has one)"));
            b.append(" in the ServerlessContainers component's devTrustPrincipalArns for stage ").append(config.stage())
                    .append(" and run `pulumi up`; production stages never allow it.");
            if (named) {
                b.append(" If stage ").append(config.stage()).append(" is not deployed in account ").append(caller.account())
                        .append(", deploy it first.");
            }
            b.append(" Roles: ").append(deniedComponent.stream().map(c -> targets.get(c).roleArn()).collect(Collectors.joining(", ")));
            lines.add(0, b.toString());
        }
        for (String c : deniedOwn) {
            RoleDiscovery.Target t = targets.get(c);
            lines.add(c + ": its role " + t.roleArn() + " (" + t.source() + ") does not let " + caller.arn()
                    + " assume it. That role is yours, not the component's, so devTrustPrincipalArns does not change it: "
                    + "add the caller to the role's trust policy");
        }
        if (!notInOutputs.isEmpty()) {
            lines.add(names(notInOutputs) + ": not in the containers output of " + outputsFile
                    + " (added after the last deploy? run `pulumi up`, then write the file again)");
        }
        List<String> affected = new ArrayList<>(failures.keySet());
        affected.addAll(notInOutputs);
        return names(affected) + " " + (affected.size() == 1 ? "starts" + WITHOUT.substring("start".length()) : WITHOUT) + ":\n  "
                + String.join("\n  ", lines);
    }

    static String names(List<String> containers) {
        return String.join(", ", containers);
    }
}
