package dev.serverlesscontainers.devmode.runtime;

/** Receives an instance's output, one line at a time, from any thread. */
@FunctionalInterface
public interface LogSink {

    enum Stream { STDOUT, STDERR }

    void line(String container, String instanceId, Stream stream, String text);
}
