package dev.serverlesscontainers.devmode.docker;

/** No Docker engine answered; the message lists every way that was tried and what each answered. */
public final class DockerUnavailable extends Exception {
    private static final long serialVersionUID = 1L;

    public DockerUnavailable(String message) {
        super(message, null, false, false);
    }
}
