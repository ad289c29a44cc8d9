package dev.serverlesscontainers.devmode.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Installs a test app's dependencies from the package registries once, into {@link TestCaches},
 * keyed by the hash of the file that lists them, so that reruns take no time: {@code node_modules}
 * for a {@code package.json}, a virtual environment for a {@code requirements.txt}. A missing npm or
 * Python, or a failed install, fails the test with the installer's output.
 */
public final class AppDependencies {
    private static final Path CACHE = TestCaches.folder("app-dependencies");
    private static final long INSTALL_MINUTES = 5;
    private static final String DONE = ".installed";

    private AppDependencies() {}

    /** Links {@code app/node_modules} to the installed dependencies of {@code app/package.json}, if it has any. */
    public static void linkNodeModules(Path app) {
        try {
            if (!Files.readString(app.resolve("package.json")).contains("\"dependencies\"")) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path dir = CACHE.resolve("node-" + hash(app.resolve("package.json")));
        if (!Files.exists(dir.resolve(DONE))) {
            copy(app.resolve("package.json"), dir.resolve("package.json"));
            run(dir, List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"));
            touch(dir.resolve(DONE));
        }
        try {
            Files.createSymbolicLink(app.resolve("node_modules"), dir.resolve("node_modules"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code bin} folder of a virtual environment with {@code app/requirements.txt} installed. */
    public static Path pythonBin(Path app) {
        Path dir = CACHE.resolve("python-" + hash(app.resolve("requirements.txt")));
        if (!Files.exists(dir.resolve(DONE))) {
            copy(app.resolve("requirements.txt"), dir.resolve("requirements.txt"));
            run(dir, List.of("python3", "-m", "venv", "venv"));
            run(dir, List.of("venv/bin/pip", "install", "--quiet", "-r", "requirements.txt"));
            touch(dir.resolve(DONE));
        }
        return dir.resolve("venv/bin");
    }

    /** The host environment with {@code bin} first on PATH. */
    public static Map<String, String> withPath(Map<String, String> environment, Path bin) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("PATH", bin + ":" + environment.getOrDefault("PATH", "/usr/bin:/bin"));
        return env;
    }

    private static void run(Path dir, List<String> command) {
        try {
            Path log = dir.resolve("install.log");
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took more than " + INSTALL_MINUTES + " minutes in " + dir);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed in " + dir + ":\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + " (is it installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String hash(Path file) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void touch(Path file) {
        try {
            Files.writeString(file, "", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
