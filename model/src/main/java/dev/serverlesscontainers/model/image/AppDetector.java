package dev.serverlesscontainers.model.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Works out what kind of app a {@code src} folder holds and how to start it, for the generated
 * Dockerfile (deploy and dev-mode Docker) and for the process runtime. One place, so that an app
 * starts the same way everywhere.
 */
public final class AppDetector {
    private AppDetector() {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A requirement that brings the {@code fastapi} command: {@code fastapi[standard]} or {@code fastapi-cli}. */
    private static final Pattern FASTAPI_CLI = Pattern.compile("fastapi\\s*\\[[^\\]]*standard|fastapi-cli");
    private static final Pattern PY_APP = Pattern.compile("^(\\w+)\\s*=\\s*(FastAPI|Flask|Starlette|Quart)\\s*\\(", Pattern.MULTILINE);

    public static DetectedApp detect(Path src) {
        boolean dockerfile = Files.isRegularFile(src.resolve("Dockerfile"));
        if (Files.isRegularFile(src.resolve("package.json"))) {
            return node(src, dockerfile);
        }
        if (Files.isRegularFile(src.resolve("requirements.txt")) || Files.isRegularFile(src.resolve("pyproject.toml"))
                || Files.isRegularFile(src.resolve("main.py")) || Files.isRegularFile(src.resolve("app.py"))) {
            return python(src, dockerfile);
        }
        if (Files.isRegularFile(src.resolve("pom.xml")) || runnableJar(src).isPresent()) {
            return java(src, dockerfile);
        }
        return new DetectedApp(AppKind.UNKNOWN, Optional.empty(), Optional.empty(), false, dockerfile,
                "no package.json, requirements.txt, pyproject.toml, main.py, app.py, pom.xml or jar found");
    }

    private static DetectedApp node(Path src, boolean dockerfile) {
        JsonNode pkg;
        try {
            pkg = JSON.readTree(src.resolve("package.json").toFile());
        } catch (IOException e) {
            return new DetectedApp(AppKind.NODE, Optional.empty(), Optional.empty(), false, dockerfile,
                    "package.json is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        JsonNode scripts = pkg.path("scripts");
        Optional<List<String>> production = Optional.empty();
        String how;
        if (scripts.hasNonNull("start")) {
            production = Optional.of(List.of("npm", "start"));
            how = "package.json start script";
        } else if (pkg.hasNonNull("main") && Files.isRegularFile(src.resolve(pkg.get("main").asText()))) {
            production = Optional.of(List.of("node", pkg.get("main").asText()));
            how = "package.json main (" + pkg.get("main").asText() + ")";
        } else if (Files.isRegularFile(src.resolve("index.js"))) {
            production = Optional.of(List.of("node", "index.js"));
            how = "index.js";
        } else {
            how = "package.json has no start script or main, and there is no index.js";
        }
        if (scripts.hasNonNull("dev")) {
            return new DetectedApp(AppKind.NODE, production, Optional.of(List.of("npm", "run", "dev")), true, dockerfile,
                    "package.json dev script (the app reloads itself)");
        }
        return new DetectedApp(AppKind.NODE, production, production, false, dockerfile, how);
    }

    private static DetectedApp python(Path src, boolean dockerfile) {
        String requirements = read(src.resolve("requirements.txt")) + "\n" + read(src.resolve("pyproject.toml"));
        String lower = requirements.toLowerCase(Locale.ROOT);
        for (String module : List.of("main", "app", "server")) {
            Path file = src.resolve(module + ".py");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            Matcher m = PY_APP.matcher(read(file));
            if (m.find()) {
                String target = module + ":" + m.group(1);
                if (lower.contains("uvicorn") && !m.group(2).equals("Flask")) {
                    List<String> cmd = List.of("uvicorn", target, "--host", "0.0.0.0", "--port", "${PORT}");
                    return new DetectedApp(AppKind.PYTHON, Optional.of(cmd), Optional.of(cmd), false, dockerfile,
                            "uvicorn app " + target);
                }
                if (m.group(2).equals("FastAPI") && FASTAPI_CLI.matcher(lower).find()) {
                    // fastapi[standard] brings the fastapi command, which serves module.py's app (FastAPI's own way to run)
                    List<String> cmd = List.of("fastapi", "run", module + ".py", "--host", "0.0.0.0", "--port", "${PORT}");
                    return new DetectedApp(AppKind.PYTHON, Optional.of(cmd), Optional.of(cmd), false, dockerfile,
                            "FastAPI app " + target + " (fastapi run)");
                }
                if (lower.contains("flask") && m.group(2).equals("Flask")) {
                    List<String> cmd = List.of("flask", "--app", target, "run", "--host", "0.0.0.0", "--port", "${PORT}");
                    return new DetectedApp(AppKind.PYTHON, Optional.of(cmd), Optional.of(cmd), false, dockerfile,
                            "flask app " + target);
                }
            }
            List<String> cmd = List.of("python3", module + ".py");
            return new DetectedApp(AppKind.PYTHON, Optional.of(cmd), Optional.of(cmd), false, dockerfile, module + ".py");
        }
        return new DetectedApp(AppKind.PYTHON, Optional.empty(), Optional.empty(), false, dockerfile,
                "a Python project without main.py, app.py or server.py");
    }

    /**
     * The jar a Maven build just made: the newest in {@code target/}, not a sources, javadoc or tests
     * jar, nor the shade plugin's {@code original-} copy. A shell word for {@code sh -c}.
     */
    public static final String BUILT_JAR = "\"$(ls -t target/*.jar | grep -v -e '-sources\\.jar$' -e '-javadoc\\.jar$'"
            + " -e '-tests\\.jar$' -e '/original-' | head -n 1)\"";

    /**
     * A Maven project is built at every start, since a jar in {@code target/} is as old as the last
     * build and its sources may have changed since; only a jar without a {@code pom.xml} runs as it is.
     */
    private static DetectedApp java(Path src, boolean dockerfile) {
        if (mavenProject(src)) {
            List<String> build = List.of("sh", "-c", "mvn -q -B -DskipTests package && exec java -jar " + BUILT_JAR);
            return new DetectedApp(AppKind.JAVA, Optional.of(build), Optional.of(build), false, dockerfile,
                    "Maven project (built with mvn package, then java -jar)");
        }
        Path jar = runnableJar(src).orElseThrow();
        List<String> cmd = List.of("java", "-jar", src.relativize(jar).toString());
        return new DetectedApp(AppKind.JAVA, Optional.of(cmd), Optional.of(cmd), false, dockerfile, "runnable jar " + src.relativize(jar));
    }

    static boolean mavenProject(Path src) {
        return Files.isRegularFile(src.resolve("pom.xml"));
    }

    /** A jar at the top of {@code src} or in {@code target/}, excluding sources and javadoc jars. */
    static Optional<Path> runnableJar(Path src) {
        for (Path dir : List.of(src, src.resolve("target"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                Optional<Path> jar = files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                        .filter(f -> !f.getFileName().toString().matches(".*-(sources|javadoc|tests)\\.jar|original-.*"))
                        .sorted().findFirst();
                if (jar.isPresent()) {
                    return jar;
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
