package dev.serverlesscontainers.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folders the engine tests work in: copies of the examples, under this module's target folder. */
final class Workspaces {
    private Workspaces() {}

    static Path repository() {
        return Path.of(System.getProperty("scf.repository", "../..")).toAbsolutePath().normalize();
    }

    /** A new, empty folder for one test class (kept after the run: its logs explain a failure). */
    static Path fresh(String name) {
        Path folder = repository().resolve("e2e/engine-tests/target/engine-tests").resolve(name);
        deleteTree(folder);
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies {@code examples/NAME} (without build output or installed dependencies) to {@code target/NAME}. */
    static Path copyExample(String name, Path workspace) {
        Path source = repository().resolve("examples").resolve(name);
        Path target = workspace.resolve(name);
        copyTree(source, target);
        return target;
    }

    static void copyTree(Path source, Path target) {
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    String name = dir.getFileName().toString();
                    if (!dir.equals(source) && (name.equals("node_modules") || name.equals("target") || name.equals("sdks")
                            || name.equals("__pycache__") || name.equals("venv") || name.equals(".venv"))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(target.resolve(source.relativize(dir)));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, target.resolve(source.relativize(file)), StandardCopyOption.REPLACE_EXISTING);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
