package dev.serverlesscontainers.devmode.testing;

import dev.serverlesscontainers.model.load.ConfigException;
import dev.serverlesscontainers.model.load.ConfigLoader;
import dev.serverlesscontainers.model.config.ProjectConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** A project folder made for one test: copies of the test apps and a serverless.containers.yml. */
public final class TestProject {
    private final Path dir;

    private TestProject(Path dir) {
        this.dir = dir;
    }

    public static TestProject in(Path dir) {
        return new TestProject(dir);
    }

    /** Copies {@code src/test/resources/apps/APP} to {@code name/}. */
    public TestProject app(String name, String app) {
        try {
            return copy(Path.of(TestProject.class.getResource("/apps/" + app).toURI()), name);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the folder {@code from} to {@code name/} ({@code ""}: into the project's folder itself). */
    public TestProject copy(Path from, String name) {
        Path to = dir.resolve(name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestProject config(String yaml) {
        return write("serverless.containers.yml", yaml);
    }

    public TestProject write(String relative, String content) {
        try {
            Path f = dir.resolve(relative);
            Files.createDirectories(f.getParent());
            Files.writeString(f, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path configFile() {
        return dir.resolve("serverless.containers.yml");
    }

    public ProjectConfig load() {
        try {
            return ConfigLoader.load(configFile(), "dev", Map.of());
        } catch (ConfigException e) {
            throw new AssertionError("the test configuration is invalid: " + e.problems(), e);
        }
    }

    /** The environment child processes get in tests: the test JVM's PATH and HOME, nothing else. */
    public static Map<String, String> hostEnvironment() {
        Map<String, String> env = new HashMap<>();
        for (String name : new String[] {"PATH", "HOME", "LANG"}) {
            String v = System.getenv(name);
            if (v != null) {
                env.put(name, v);
            }
        }
        return env;
    }
}
