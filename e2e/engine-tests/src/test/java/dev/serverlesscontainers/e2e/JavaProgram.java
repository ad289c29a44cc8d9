package dev.serverlesscontainers.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * examples/java as the engine runs it here: the program's classes and dependencies (this module's
 * runtime classpath, which Maven resolved) behind one jar that names them in its manifest, run by the
 * Java language host through the {@code binary} runtime option, next to a copy of examples/hello.
 */
final class JavaProgram {
    static final String MAIN_CLASS = "dev.serverlesscontainers.examples.hello.App";

    private JavaProgram() {}

    /** Lays out {@code workspace/hello} and {@code workspace/java}; returns the program's folder. */
    static Path prepare(Path workspace) {
        Workspaces.copyExample("hello", workspace);
        Path program = workspace.resolve("java");
        try {
            Files.createDirectories(program);
            for (String stack : new String[] {"Pulumi.dev.yaml", "Pulumi.prod.yaml"}) {
                Files.copy(Workspaces.repository().resolve("examples/java").resolve(stack), program.resolve(stack));
            }
            Files.writeString(program.resolve("Pulumi.yaml"), """
                    name: hello-java
                    runtime:
                      name: java
                      options:
                        binary: app.jar
                    description: examples/java, its classes and dependencies named by app.jar's manifest
                    """);
            writeLauncherJar(program.resolve("app.jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return program;
    }

    private static void writeLauncherJar(Path jar) throws IOException {
        String classpathFile = System.getProperty("scf.programClasspath");
        if (classpathFile == null) {
            throw new IllegalStateException("system property scf.programClasspath is not set (run these tests with Maven)");
        }
        String classPath = Arrays.stream(Files.readString(Path.of(classpathFile)).trim().split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toUri().toString())
                .collect(Collectors.joining(" "));
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, MAIN_CLASS);
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        try (OutputStream out = Files.newOutputStream(jar); var unused = new JarOutputStream(out, manifest)) {
            // the manifest is the whole jar
        }
    }
}
