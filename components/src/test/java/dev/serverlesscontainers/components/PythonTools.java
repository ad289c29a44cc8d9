package dev.serverlesscontainers.components;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Python virtual environment with a test's requirements, installed once from the package registry
 * into the tests' cache ({@code SCF_TEST_CACHE}, default {@code ~/.cache/serverless-containers-tests},
 * as devmode's tests keep theirs), keyed by the hash of the requirements, so reruns take no time.
 * Without {@code python3} the test is skipped, and fails when {@code CI} is set.
 */
final class PythonTools {
    private static final long INSTALL_MINUTES = 5;
    private static final String DONE = ".installed";

    private PythonTools() {}

    /** The {@code bin} folder of a virtual environment with the requirements file at {@code resource} installed. */
    static synchronized Path venv(String resource) throws IOException, InterruptedException {
        requirePython();
        byte[] requirements;
        try (InputStream in = PythonTools.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            requirements = in.readAllBytes();
        }
        Path dir = cacheRoot().resolve("python-tools-" + hash(requirements));
        if (!Files.exists(dir.resolve(DONE))) {
            Files.createDirectories(dir);
            Files.write(dir.resolve("requirements.txt"), requirements);
            run(dir, List.of("python3", "-m", "venv", "venv"));
            run(dir, List.of("venv/bin/pip", "install", "--quiet", "-r", "requirements.txt"));
            Files.writeString(dir.resolve(DONE), "", StandardCharsets.UTF_8);
        }
        return dir.resolve("venv/bin");
    }

    private static Path cacheRoot() {
        String root = System.getenv("SCF_TEST_CACHE");
        return (root != null && !root.isBlank() ? Path.of(root)
                : Path.of(System.getProperty("user.home"), ".cache", "serverless-containers-tests")).toAbsolutePath();
    }

    private static void requirePython() throws InterruptedException {
        String missing = null;
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                missing = "python3 --version failed";
            }
        } catch (IOException e) {
            missing = "python3 is not installed (" + e.getMessage() + ")";
        }
        if (missing != null && System.getenv("CI") != null) {
            throw new IllegalStateException(missing + "; CI is set, so this test must run");
        }
        Assumptions.assumeTrue(missing == null, "skipped: " + missing);
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path log = dir.resolve("install.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " took more than " + INSTALL_MINUTES + " minutes in " + dir);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed in " + dir + ":\n" + Files.readString(log));
        }
    }

    /** What a command printed (standard output and error together) and how it exited. */
    record Run(int exitCode, String output) {}

    /** Runs {@code command} in {@code dir} with only {@code environment}, for at most {@code seconds}. */
    static Run run(List<String> command, Path dir, Map<String, String> environment, long seconds) throws Exception {
        var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process p = builder.start();
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " took more than " + seconds + " s");
        }
        return new Run(p.exitValue(), new String(output.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }

    private static String hash(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
