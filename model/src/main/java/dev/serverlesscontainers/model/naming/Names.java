package dev.serverlesscontainers.model.naming;

import dev.serverlesscontainers.model.config.ComputeType;
import dev.serverlesscontainers.model.config.ProjectConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Names of every resource: {@code <name>-<stage>[-<container>]-<kind>}. Keyed by config keys (never
 * list positions), so reordering the file renames nothing. A name over AWS's limit for its kind is cut
 * and ends with a hash of the whole name, so it stays unique and stable.
 */
public final class Names {
    /** Hex digits of the hash that ends a shortened name. */
    public static final int HASH_LENGTH = 7;

    /** What goes in front of a name that starts with a prefix AWS forbids for its kind. */
    static final String FORBIDDEN_PREFIX_ESCAPE = "scf-";

    private final String start;
    private final String prefix;

    private Names(String start, String prefix) {
        this.start = start;
        this.prefix = prefix;
    }

    public static Names of(ProjectConfig config) {
        return of(config.name(), config.stage());
    }

    public static Names of(String name, String stage) {
        return new Names(prefix(name, stage), prefix(name, stage));
    }

    /** {@code <name>-<stage>}, what every resource name of a project's stage starts with. */
    public static String prefix(String name, String stage) {
        return name + "-" + stage;
    }

    /** The CloudWatch log group Lambda writes a function's logs to, which the deploy creates ahead of it. */
    public static String lambdaLogGroup(String functionName) {
        return "/aws/lambda/" + functionName;
    }

    /** {@code <name>-<stage>}. */
    public String prefix() {
        return prefix;
    }

    /**
     * Names for resources whose names are unique in the whole account rather than in a region (IAM
     * roles, CloudFront functions, origin access controls): {@code <name>-<stage>-<region code>-...},
     * so the same project and stage deployed to two regions do not claim the same names. The
     * {@link #prefix()} (and tags) stay {@code <name>-<stage>}.
     */
    public Names inRegion(String region) {
        return new Names(prefix + "-" + regionCode(region), prefix);
    }

    /**
     * A short, readable and distinct code for a region: the area, the initials of its compass words
     * and its number ({@code eu-west-1} is {@code euw1}, {@code ap-southeast-2} is {@code apse2});
     * any other word is kept whole ({@code us-gov-west-1} is {@code usgovw1}), so two regions never
     * share a code.
     */
    public static String regionCode(String region) {
        String[] parts = region.toLowerCase(Locale.ROOT).split("-");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            b.append(COMPASS.getOrDefault(parts[i], parts[i]));
        }
        return b.toString();
    }

    private static final java.util.Map<String, String> COMPASS = java.util.Map.of(
            "north", "n", "south", "s", "east", "e", "west", "w", "central", "c",
            "northeast", "ne", "northwest", "nw", "southeast", "se", "southwest", "sw");

    /** A project-wide resource: {@code <name>-<stage>-<kind>}. */
    public String project(ResourceKind kind) {
        return fit(start + "-" + kind.suffix(), kind);
    }

    /** A project-wide resource with a qualifier: {@code <name>-<stage>-<qualifier>-<kind>} ({@code alb} for a security group). */
    public String project(String qualifier, ResourceKind kind) {
        return fit(start + "-" + qualifier + "-" + kind.suffix(), kind);
    }

    /** A container's resource: {@code <name>-<stage>-<container>-<kind>}. */
    public String container(String container, ResourceKind kind) {
        return fit(start + "-" + container + "-" + kind.suffix(), kind);
    }

    /** A container's resource with a qualifier, such as a scaling policy's metric. */
    public String container(String container, String qualifier, ResourceKind kind) {
        return fit(start + "-" + container + "-" + qualifier + "-" + kind.suffix(), kind);
    }

    /**
     * The name of a resource that AWS replaces, rather than updates, when one of {@code replacedBy}
     * changes (the inputs the provider marks as forcing a new resource): {@code name} followed by a
     * hash of those values. Pulumi creates the replacement before it deletes the original, so the two
     * exist at once and must not share a name; and every dependent is pointed at the replacement
     * before the original goes. The hash changes exactly when a replacement is due, so an unchanged
     * resource keeps its name.
     */
    public static String replaceable(String name, ResourceKind kind, List<String> replacedBy) {
        return fit(name + "-" + hash(String.join("\n", replacedBy)), kind);
    }

    /**
     * The qualifier of resources that belong to one compute type ({@code lambda}, {@code fargate}), so
     * that a container switching compute gets new ones beside the old, which go with the old compute.
     */
    public static String computeQualifier(ComputeType type) {
        return type == ComputeType.AWS_LAMBDA ? "lambda" : "fargate";
    }

    /**
     * The role a container's code runs as: {@code <name>-<stage>-<container>-<lambda|fargate>-role}.
     * The deploy creates it; dev mode assumes it.
     */
    public String containerRole(String container, ComputeType type) {
        return container(container, computeQualifier(type), ResourceKind.IAM_ROLE);
    }

    /**
     * Makes {@code full} valid for {@code kind}: allowed characters only, and within the length limit.
     * A name cut to fit, or whose separators had to be tidied (ECR), ends with a hash of {@code full}:
     * {@code my__app} and {@code my_app} stay two repositories.
     */
    public static String fit(String full, ResourceKind kind) {
        String clean = avoidForbiddenPrefix(sanitize(full, kind.charset()), kind);
        boolean tidied = false;
        if (kind.charset() == ResourceKind.Charset.LOWERCASE) {
            String tidy = tidySeparators(clean);
            tidied = !tidy.equals(clean);
            clean = tidy;
        }
        if (!tidied && clean.length() <= kind.maxLength()) {
            return clean;
        }
        String hash = hash(full);
        String head = clean.substring(0, Math.min(clean.length(), kind.maxLength() - HASH_LENGTH - 1));
        while (head.endsWith("-") || head.endsWith("_") || head.endsWith(".")) {
            head = head.substring(0, head.length() - 1);
        }
        return head.isEmpty() ? hash : head + "-" + hash;
    }

    /**
     * A name AWS would refuse for its prefix ({@code internal-} for a load balancer, {@code sg-} for a
     * security group) gets {@value #FORBIDDEN_PREFIX_ESCAPE} in front; every name AWS accepts stays as it was.
     */
    private static String avoidForbiddenPrefix(String name, ResourceKind kind) {
        return kind.forbiddenPrefix()
                .filter(p -> name.toLowerCase(Locale.ROOT).startsWith(p))
                .map(p -> FORBIDDEN_PREFIX_ESCAPE + name)
                .orElse(name);
    }

    /** ECR's rule, {@code [a-z0-9]+(?:[._-][a-z0-9]+)*}: no separator first, last, or next to another. */
    private static String tidySeparators(String s) {
        return s.replaceAll("([._-])[._-]+", "$1").replaceAll("^[._-]+|[._-]+$", "");
    }

    private static String sanitize(String s, ResourceKind.Charset charset) {
        return switch (charset) {
            case TAG -> s;
            case ALPHANUMERIC_HYPHEN -> s.replaceAll("[^A-Za-z0-9-]", "-").replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
            case ALPHANUMERIC_HYPHEN_UNDERSCORE -> s.replaceAll("[^A-Za-z0-9_-]", "-");
            case LOWERCASE -> s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
            case IAM -> s.replaceAll("[^A-Za-z0-9+=,.@_-]", "-");
        };
    }

    /** The first {@value #HASH_LENGTH} hex digits of the SHA-256 of a text. */
    public static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
