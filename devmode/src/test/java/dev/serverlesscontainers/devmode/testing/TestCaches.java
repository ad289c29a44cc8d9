package dev.serverlesscontainers.devmode.testing;

import java.nio.file.Path;

/**
 * Where tests keep what they install from the package registries (runtime interface clients, test
 * apps' dependencies): outside the build folder, so that a fresh clone or a {@code mvn clean} on the
 * same machine reuses it ({@code SCF_TEST_CACHE}, default {@code ~/.cache/serverless-containers-tests}).
 * Delete the folder to install everything anew.
 */
public final class TestCaches {
    private TestCaches() {}

    public static Path folder(String name) {
        String root = System.getenv("SCF_TEST_CACHE");
        Path base = root != null && !root.isBlank() ? Path.of(root)
                : Path.of(System.getProperty("user.home"), ".cache", "serverless-containers-tests");
        return base.resolve(name).toAbsolutePath();
    }
}
