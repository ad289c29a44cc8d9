package dev.serverlesscontainers.devmode.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Finds programs the way a shell does: on the {@code PATH} of the environment given, or by path. */
final class Executables {
    private Executables() {}

    static Optional<Path> find(String program, Map<String, String> environment, Path workingDirectory) {
        if (program.contains("/")) {
            Path p = workingDirectory.resolve(program);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
