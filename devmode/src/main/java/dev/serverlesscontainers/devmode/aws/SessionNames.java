package dev.serverlesscontainers.devmode.aws;

import dev.serverlesscontainers.model.naming.Names;

/**
 * Role session names: {@code scf-dev.CONTAINER.DEVELOPER}, so that CloudTrail shows who acted locally
 * and through which container ({@code assumed-role/hello-dev-api-lambda-role/scf-dev.api.alice@example.com}).
 * STS allows 2 to 64 of {@code [A-Za-z0-9+=,.@_-]}; longer names are cut and end with a hash of the whole.
 */
final class SessionNames {
    private SessionNames() {}

    static final int MAX_LENGTH = 64;
    static final String PREFIX = "scf-dev";

    static String of(String container, CallerIdentity caller) {
        String full = PREFIX + "." + container + "." + caller.name();
        String clean = full.replaceAll("[^A-Za-z0-9+=,.@_-]", "-");
        if (clean.length() <= MAX_LENGTH) {
            return clean;
        }
        return clean.substring(0, MAX_LENGTH - Names.HASH_LENGTH - 1) + "-" + Names.hash(full);
    }
}
