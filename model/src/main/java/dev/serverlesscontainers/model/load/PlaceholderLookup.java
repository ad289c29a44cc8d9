package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.config.AwsPlaceholder;

import java.util.Optional;

/** {@link AwsLookup#placeholders()}. */
enum PlaceholderLookup implements AwsLookup {
    INSTANCE;

    @Override
    public String region() {
        return AwsPlaceholder.region().token();
    }

    @Override
    public String accountId() {
        return AwsPlaceholder.accountId().token();
    }

    @Override
    public Optional<String> ssmParameter(String name) {
        return Optional.of(AwsPlaceholder.ssm(name).token());
    }

    @Override
    public boolean defersValues() {
        return true;
    }
}
