package dev.serverlesscontainers.devmode.aws;

/**
 * An STS call that did not succeed, sorted by what the user can do about it. The message has been
 * through the redactor and there is never a cause: SDK exceptions can carry request details.
 */
final class StsFailure extends Exception {
    private static final long serialVersionUID = 1L;

    enum Kind {
        /** No credentials at all: nothing in the environment, no profile, or a profile that resolves to nothing. */
        NO_CREDENTIALS,
        /** The developer's credentials expired (an SSO session, a temporary key). */
        CALLER_EXPIRED,
        /** AWS does not accept the developer's credentials (deleted key, wrong secret). */
        CALLER_INVALID,
        /** AssumeRole refused: the role does not trust the caller, or does not exist. */
        DENIED,
        /** STS could not be reached or did not answer. */
        UNREACHABLE,
        /** Anything else AWS answered. */
        OTHER
    }

    private final Kind kind;

    StsFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
