package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.config.CertificateDomains;
import dev.serverlesscontainers.model.config.Compute;
import dev.serverlesscontainers.model.config.ContainerConfig;
import dev.serverlesscontainers.model.config.ContainerEnvironment;
import dev.serverlesscontainers.model.config.Defaults;
import dev.serverlesscontainers.model.config.ProjectConfig;

import dev.serverlesscontainers.model.image.JvmApp;
import dev.serverlesscontainers.model.routing.AlbRules;
import dev.serverlesscontainers.model.yaml.Location;
import dev.serverlesscontainers.model.yaml.YNode;
import dev.serverlesscontainers.model.yaml.YNode.YMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What AWS would refuse, or quietly cut short, in a file that is otherwise valid: limits that
 * depend on more than one key (a Lambda's whole environment, a rule's wildcards across path and
 * domain, the certificate's names, quotas per distribution and load balancer). Checked once the
 * whole file is bound, so that {@code scf-dev validate} and the deploy report the same problems.
 */
final class AwsLimits {
    private final Problems problems;
    private final YMap containersNode;

    /** @param root the resolved document, for the locations of the values checked */
    AwsLimits(Problems problems, YMap root) {
        this.problems = problems;
        this.containersNode = root.get("containers") instanceof YMap m ? m : new YMap(Location.FILE, Map.of());
    }

    void check(ProjectConfig config) {
        int fargate = 0;
        int all = 0;
        for (ContainerConfig c : config.containers().values()) {
            all++;
            if (all == Defaults.CLOUDFRONT_MAX_ORIGINS + 1) {
                problems.error(c.location(), path(c), "a CloudFront distribution has at most " + Defaults.CLOUDFRONT_MAX_ORIGINS
                        + " origins, one per container; this is container " + all + " (split the project, or ask AWS for a higher quota"
                        + " and deploy the rest as a second project)");
            }
            if (c.compute() instanceof Compute.Lambda lambda) {
                lambdaEnvironment(config, c);
                lambdaTimeout(c, lambda);
            } else {
                fargate++;
                if (fargate == Defaults.ALB_MAX_RULES + 1) {
                    problems.error(c.location(), path(c), "a load balancer has at most " + Defaults.ALB_MAX_RULES + " listener rules and "
                            + Defaults.ALB_MAX_TARGET_GROUPS + " target groups, one each per awsFargateEcs container; this is awsFargateEcs"
                            + " container " + fargate + " (run some on awsLambda, or split the project)");
                }
                ruleWildcards(c);
            }
        }
        certificate(config);
    }

    /** Lambda's 4 KB counts every variable the function gets, the platform's included. */
    private void lambdaEnvironment(ProjectConfig config, ContainerConfig c) {
        int total = bytes(ContainerEnvironment.of(config, c, Defaults.CONTAINER_PORT, false));
        if (total > Defaults.LAMBDA_ENVIRONMENT_MAX_BYTES) {
            int platform = bytes(ContainerEnvironment.platform(config, c, Defaults.CONTAINER_PORT, false));
            problems.error(at(c, "environment"), path(c) + ".environment", "AWS Lambda allows " + Defaults.LAMBDA_ENVIRONMENT_MAX_BYTES
                    + " bytes of environment variables in all, counting the " + platform + " bytes of PORT and SERVERLESS_* the deploy"
                    + " adds (got " + total + ")");
        }
    }

    private void lambdaTimeout(ContainerConfig c, Compute.Lambda lambda) {
        Location where = at(c, "compute", "awsLambda", "timeout");
        String timeoutPath = path(c) + ".compute.awsLambda.timeout";
        if (lambda.timeout() > Defaults.CLOUDFRONT_ORIGIN_READ_TIMEOUT) {
            problems.warn(where, timeoutPath, "CloudFront waits at most " + Defaults.CLOUDFRONT_ORIGIN_READ_TIMEOUT + " s for a response,"
                    + " so a request that runs longer gets 504 from CloudFront while the function goes on for up to "
                    + lambda.timeout() + " s");
        }
        if (lambda.timeout() < Defaults.JVM_LAMBDA_MIN_TIMEOUT && JvmApp.isJvm(c)) {
            problems.warn(where, timeoutPath, "a Java app often needs more than Lambda's 10 s init to start; the Lambda Web Adapter then"
                    + " goes on waiting for it in the first request, which a " + lambda.timeout() + " s timeout cuts short (the deploy's"
                    + " health check fails); set it to " + Defaults.JVM_LAMBDA_MIN_TIMEOUT + " or more");
        }
    }

    /** The listener rule holds the path pattern, the domain and the container's name (which has no wildcards). */
    private void ruleWildcards(ContainerConfig c) {
        List<String> values = new ArrayList<>();
        values.add(c.routing().pathPattern());
        c.routing().domain().ifPresent(values::add);
        values.add(c.name());
        int n = AlbRules.wildcards(values);
        if (n > AlbRules.MAX_WILDCARDS_PER_RULE) {
            String domain = c.routing().domain().map(d -> " and domain " + d).orElse("");
            problems.error(at(c, "routing", "pathPattern"), path(c) + ".routing.pathPattern", "a load balancer rule holds at most "
                    + AlbRules.MAX_WILDCARDS_PER_RULE + " wildcards (* and ?), and the rule of path pattern " + c.routing().pathPattern()
                    + domain + " would hold " + n);
        }
    }

    private void certificate(ProjectConfig config) {
        List<String> domains = CertificateDomains.of(config);
        if (domains.isEmpty()) {
            return;
        }
        if (CertificateDomains.plan(domains).isEmpty()) {
            ContainerConfig first = withDomain(config, domains.get(0));
            problems.error(at(first, "routing", "domain"), path(first) + ".routing.domain", "ACM needs one name of at most "
                    + CertificateDomains.MAX_COMMON_NAME_LENGTH + " characters as the certificate's common name, and every domain"
                    + " is longer (shortest: " + domains.stream().mapToInt(String::length).min().orElse(0) + ")");
        }
        if (domains.size() > CertificateDomains.MAX_NAMES) {
            ContainerConfig extra = withDomain(config, domains.get(CertificateDomains.MAX_NAMES));
            problems.error(at(extra, "routing", "domain"), path(extra) + ".routing.domain", "the distribution's one ACM certificate holds"
                    + " at most " + CertificateDomains.MAX_NAMES + " names (ACM's default quota), and this is domain "
                    + (CertificateDomains.MAX_NAMES + 1) + " of " + domains.size() + " (use a wildcard such as *.example.com for"
                    + " several subdomains)");
        }
    }

    private static ContainerConfig withDomain(ProjectConfig config, String domain) {
        return config.containers().values().stream().filter(c -> c.routing().domain().orElse("").equals(domain)).findFirst().orElseThrow();
    }

    private static String path(ContainerConfig c) {
        return "containers." + c.name();
    }

    /** Where a key of the container is written, else the nearest enclosing key that is, else the container. */
    private Location at(ContainerConfig c, String... keys) {
        Location found = c.location();
        YNode node = containersNode.get(c.name());
        for (String key : keys) {
            if (!(node instanceof YMap m) || m.get(key) == null) {
                break;
            }
            node = m.get(key);
            found = node.location();
        }
        return found;
    }

    private static int bytes(Map<String, String> environment) {
        int n = 0;
        for (Map.Entry<String, String> e : environment.entrySet()) {
            n += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return n;
    }
}
