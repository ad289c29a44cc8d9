package dev.serverlesscontainers.devmode.aws;

import java.time.Instant;
import java.util.Optional;

/**
 * A container's AWS identity as the control plane may show it: the role and when its credentials
 * expire, never the credentials.
 *
 * @param roleArn the role, when one was found (also when assuming it failed)
 * @param roleSource where the role came from ({@code compute.awsIam.roleArn}, {@code stack outputs},
 *     {@code named by the component}), empty when none was found
 * @param expiration when the credentials the container has now expire
 * @param detail why there are no credentials, or why renewing failed; empty when all is well
 */
public record RoleStatus(String container, State state, Optional<String> roleArn, Optional<String> roleSource,
        Optional<Instant> expiration, Optional<String> detail) {

    public enum State {
        /** The container has valid credentials of its role. */
        ACTIVE,
        /** Renewing failed; the current credentials are still valid and renewal is retried. */
        RENEWAL_FAILING,
        /** Renewing kept failing until the credentials expired; still retried. */
        EXPIRED,
        /** The container runs without AWS credentials ({@link #detail()} says why). */
        NONE
    }
}
