package dev.serverlesscontainers.e2e;

import java.nio.file.Path;

/**
 * examples/java under the real engine: the component in-process, as a Java program uses it (the
 * program's classes and dependencies behind one jar, see {@link JavaProgram}), through the steps of
 * {@link ExampleProgramIT}.
 */
class JavaProgramIT extends ExampleProgramIT {
    JavaProgramIT() {
        super("java");
    }

    @Override
    Path layOut(Path workspace) {
        return JavaProgram.prepare(workspace);
    }
}
