package dev.serverlesscontainers.devmode.aws;

import dev.serverlesscontainers.devmode.runtime.AwsVariables;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSupplier;

/**
 * The developer's AWS config and credentials files, found where the AWS CLI looks: {@code AWS_CONFIG_FILE}
 * and {@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/config} and {@code ~/.aws/credentials},
 * with the home folder taken from the run's environment. Re-read when they change, so that a tool
 * that rewrites them during a session is picked up at the next renewal.
 */
final class ProfileFiles {
    private final List<Path> existing;
    private final Supplier<ProfileFile> supplier;

    private ProfileFiles(List<Path> existing, Supplier<ProfileFile> supplier) {
        this.existing = List.copyOf(existing);
        this.supplier = supplier;
    }

    static ProfileFiles locate(AwsSettings settings) {
        Optional<String> home = settings.variable(AwsVariables.HOME);
        Optional<Path> config = file(settings, AwsVariables.CONFIG_FILE, home, ".aws/config");
        Optional<Path> credentials = file(settings, AwsVariables.SHARED_CREDENTIALS_FILE, home, ".aws/credentials");
        List<Path> existing = new ArrayList<>();
        List<ProfileFileSupplier> suppliers = new ArrayList<>();
        if (config.isPresent() && Files.isRegularFile(config.get())) {
            existing.add(config.get());
            suppliers.add(ProfileFileSupplier.reloadWhenModified(config.get(), ProfileFile.Type.CONFIGURATION));
        }
        if (credentials.isPresent() && Files.isRegularFile(credentials.get())) {
            existing.add(credentials.get());
            suppliers.add(ProfileFileSupplier.reloadWhenModified(credentials.get(), ProfileFile.Type.CREDENTIALS));
        }
        Supplier<ProfileFile> supplier = suppliers.isEmpty()
                ? ProfileFileSupplier.fixedProfileFile(empty())
                : ProfileFileSupplier.aggregate(suppliers.toArray(ProfileFileSupplier[]::new));
        return new ProfileFiles(existing, supplier);
    }

    private static Optional<Path> file(AwsSettings settings, String variable, Optional<String> home, String underHome) {
        Optional<String> named = settings.variable(variable);
        if (named.isPresent()) {
            String v = named.get();
            if ((v.equals("~") || v.startsWith("~/")) && home.isPresent()) {
                return Optional.of(Path.of(home.get() + v.substring(1)));
            }
            return Optional.of(Path.of(v));
        }
        return home.map(h -> Path.of(h).resolve(underHome));
    }

    private static ProfileFile empty() {
        return ProfileFile.builder().content(new ByteArrayInputStream(new byte[0])).type(ProfileFile.Type.CONFIGURATION).build();
    }

    Supplier<ProfileFile> supplier() {
        return supplier;
    }

    boolean defines(String profile) {
        return supplier.get().profile(profile).isPresent();
    }

    Optional<String> property(String profile, String property) {
        return supplier.get().profile(profile).flatMap(p -> p.property(property));
    }

    /** Whether any AWS config or credentials file exists. */
    boolean anyExists() {
        return !existing.isEmpty();
    }

    /** The files that exist, for messages: {@code /home/a/.aws/config and /home/a/.aws/credentials}, or "no AWS config files". */
    String describe() {
        if (existing.isEmpty()) {
            return "no AWS config or credentials file";
        }
        return String.join(" and ", existing.stream().map(Path::toString).toList());
    }
}
