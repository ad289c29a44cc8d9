package dev.serverlesscontainers.devmode.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * AWS's Lambda runtime interface clients, installed from the package registries once into
 * {@link TestCaches} and reused by later runs: {@code awslambdaric} for Python
 * (pip) and {@code aws-lambda-ric} for Node.js (npm; it compiles native code, which needs a C++
 * compiler, make, cmake and autoconf/automake/libtool, as {@code .ci/setup} installs). A missing
 * tool fails the test when {@code CI} is set and skips it elsewhere.
 */
public final class RuntimeInterfaceClients {
    private RuntimeInterfaceClients() {}

    static final Path CACHE = TestCaches.folder("lambda-runtime-clients");
    private static final long INSTALL_MINUTES = 15;

    /** A folder to put on {@code PYTHONPATH}, holding {@code awslambdaric}. */
    public static synchronized Path python() {
        Path dir = CACHE.resolve("python");
        install(dir, List.of("python3", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target",
                dir.resolve("site").toString(), "awslambdaric"));
        return dir.resolve("site");
    }

    /** The Node.js client's command-line entry: {@code node THIS module.handler}. */
    public static synchronized Path node() {
        Path dir = CACHE.resolve("node");
        try {
            Files.createDirectories(dir);
            if (!Files.exists(dir.resolve("package.json"))) {
                Files.writeString(dir.resolve("package.json"), "{\"name\":\"lambda-runtime-clients\",\"private\":true}\n");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        install(dir, List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "aws-lambda-ric"));
        return dir.resolve("node_modules/aws-lambda-ric/bin/index.mjs");
    }

    /**
     * The Node.js client as an image needs it, in a folder of its own to copy into a build context:
     * {@code bin/index.mjs}, {@code dist/} (its JavaScript and its native part,
     * {@code rapid-client.node}) and {@code package.json}, without the sources and build tools it was
     * compiled from. The native part is built here, with this machine's compiler; it runs in an image
     * with no compiler because it uses Node-API, whose binary interface every later Node.js version
     * keeps, and links only the C and C++ runtime libraries, which an image of the same Debian
     * release has in the same versions ({@code .ci/setup} builds the test base image from the
     * release it runs on). The Docker handler tests are what shows that it loads there.
     */
    public static synchronized Path nodeForImage() {
        Path client = node().getParent().getParent();
        Path dir = CACHE.resolve("node-for-image");
        Path done = dir.resolve(".copied");
        if (Files.exists(done)) {
            return dir;
        }
        try {
            for (String part : List.of("bin", "dist", "package.json")) {
                TestProject.in(dir).copy(client.resolve(part), part);
            }
            Files.writeString(done, "");
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy " + client + " to " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    private static void install(Path dir, List<String> command) {
        Path done = dir.resolve(".installed");
        if (Files.exists(done)) {
            return;
        }
        Path log = CACHE.resolve(dir.getFileName() + "-install.log");
        try {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                unavailable("`" + String.join(" ", command) + "` took more than " + INSTALL_MINUTES + " minutes (log: " + log + ")");
            }
            if (p.exitValue() != 0) {
                unavailable("`" + String.join(" ", command) + "` failed with exit code " + p.exitValue() + "; its output:\n"
                        + tail(log));
            }
            Files.writeString(done, "");
        } catch (IOException e) {
            unavailable("cannot run `" + String.join(" ", command) + "`: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static void unavailable(String why) {
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank()) {
            fail("CI is set, so the Lambda handler tests must run, but: " + why);
        }
        Assumptions.abort("Lambda handler tests skipped: " + why);
    }
}
