package dev.serverlesscontainers.devmode.debug;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the debuggers of a runtime's instances listen, and how scf-dev reaches them. On this machine
 * (the process runtime) each debugger takes a free port of 127.0.0.1 and prints it. In a container, it
 * listens on every interface of the container, on {@link #IN_CONTAINER_PORT}, which the runtime publishes
 * on 127.0.0.1 of this machine only, on a port of the engine's choosing.
 */
public interface DebugNetwork {
    /** The port a debugger listens on inside a container: Node.js's own default, and no app's port. */
    int IN_CONTAINER_PORT = 9229;

    /** Where a debugger is told to listen, as {@code HOST:PORT}. */
    String listenAddress();

    /** The folder of scf-dev's Python helper as the app sees it, given where it is on this machine. */
    String helpers(Path onThisMachine);

    /** Where on this machine the port an instance's debugger printed is reached; empty when it is not (any more). */
    Optional<Integer> reachable(String instance, int printedPort);

    /** The process runtime's: the debugger listens on this machine already. */
    DebugNetwork THIS_MACHINE = new DebugNetwork() {
        @Override
        public String listenAddress() {
            return "127.0.0.1:0";
        }

        @Override
        public String helpers(Path onThisMachine) {
            return onThisMachine.toString();
        }

        @Override
        public Optional<Integer> reachable(String instance, int printedPort) {
            return Optional.of(printedPort);
        }
    };
}
