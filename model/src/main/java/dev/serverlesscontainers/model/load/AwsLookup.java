package dev.serverlesscontainers.model.load;

import java.util.Objects;
import java.util.Optional;

/**
 * Answers the variables only AWS knows: {@code ${aws:region}}, {@code ${aws:accountId}} and
 * {@code ${ssm:/name}} (also {@code ${aws:ssm:/name}}). The caller supplies it, so that the model
 * depends on no AWS SDK: dev mode asks AWS, a deploy takes {@link #placeholders()} and turns each
 * placeholder into a value of the Pulumi program ({@link AwsPlaceholder}).
 */
public interface AwsLookup {

    String region() throws Unavailable;

    String accountId() throws Unavailable;

    /** The parameter's value, decrypted when it is a SecureString; empty when no parameter has that name. */
    Optional<String> ssmParameter(String name) throws Unavailable;

    /** A look-up that cannot be made; the message says why and what to do, and never holds a secret. */
    final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message) {
            super(Objects.requireNonNull(message, "message"), null, false, false);
        }
    }

    /** Leaves every AWS variable as an {@link AwsPlaceholder}, to be resolved by whoever deploys. */
    static AwsLookup placeholders() {
        return PlaceholderLookup.INSTANCE;
    }

    /** Refuses every AWS variable with {@code why} (such as "no AWS credentials were found"). */
    static AwsLookup unavailable(String why) {
        return new AwsLookup() {
            @Override
            public String region() throws Unavailable {
                throw new Unavailable(why);
            }

            @Override
            public String accountId() throws Unavailable {
                throw new Unavailable(why);
            }

            @Override
            public Optional<String> ssmParameter(String name) throws Unavailable {
                throw new Unavailable(why);
            }
        };
    }

    /** True for {@link #placeholders()}: its values are known only when the program runs. */
    default boolean defersValues() {
        return false;
    }
}
