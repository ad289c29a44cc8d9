package dev.serverlesscontainers.devmode.aws;

import java.util.List;

/**
 * The user asked for something that cannot work: a stack outputs file that is missing or malformed,
 * an {@code --aws-profile} that no file defines, an endpoint that is not a URL. The message says what
 * is wrong and what was expected; {@code scf-dev} exits with code 2. Never carries a cause, so no
 * stack trace (and nothing an SDK put in one) reaches the user.
 */
public final class AwsSetupException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public AwsSetupException(String message) {
        this(List.of(message));
    }

    /** Several problems found at once (a stack outputs file with more than one), one per line. */
    public AwsSetupException(List<String> problems) {
        super(String.join("\n", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
