package dev.serverlesscontainers.devmode.cli;

/** What {@code scf-dev} exits with. */
public final class ExitCode {
    private ExitCode() {}

    /** Done, or the configuration is valid. */
    public static final int OK = 0;
    /** Something failed at run time (a container could not start, a port was taken). */
    public static final int FAILURE = 1;
    /** The input is wrong: bad flags, or a configuration with problems. */
    public static final int INVALID_INPUT = 2;
}
