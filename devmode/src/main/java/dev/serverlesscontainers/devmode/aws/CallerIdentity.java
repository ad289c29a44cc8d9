package dev.serverlesscontainers.devmode.aws;

/**
 * Who the developer is to AWS, from STS {@code GetCallerIdentity}. An ARN is not a secret; it is what
 * a trust policy names.
 *
 * @param arn {@code arn:aws:iam::123456789012:user/alice} or {@code arn:aws:sts::123456789012:assumed-role/Dev/alice}
 */
record CallerIdentity(String account, String arn) {

    /** {@code aws}, {@code aws-cn}, {@code aws-us-gov}: the partition role ARNs are written in. */
    String partition() {
        String[] parts = arn.split(":", 6);
        return parts.length > 1 && !parts[1].isEmpty() ? parts[1] : "aws";
    }

    /** The last part of the ARN: a user name, a role session name (often an e-mail address), or {@code root}. */
    String name() {
        int slash = arn.lastIndexOf('/');
        if (slash >= 0) {
            return arn.substring(slash + 1);
        }
        int colon = arn.lastIndexOf(':');
        return arn.substring(colon + 1);
    }

    /**
     * For a role session ({@code assumed-role/ROLE/SESSION}), the role behind it, which is what a trust
     * policy usually lists; empty for users.
     */
    java.util.Optional<String> roleName() {
        String[] parts = arn.split(":", 6);
        if (parts.length == 6 && parts[5].startsWith("assumed-role/")) {
            String[] path = parts[5].split("/");
            if (path.length >= 3) {
                return java.util.Optional.of(path[1]);
            }
        }
        return java.util.Optional.empty();
    }

    /** The ARN of the role behind a role session, without its path (which STS does not report). */
    java.util.Optional<String> roleArn() {
        return roleName().map(r -> "arn:" + partition() + ":iam::" + account + ":role/" + r);
    }
}
