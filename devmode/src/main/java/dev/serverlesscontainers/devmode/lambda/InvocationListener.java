package dev.serverlesscontainers.devmode.lambda;

import io.vertx.core.buffer.Buffer;

/**
 * Receives the outcome of one invocation from the instance that ran it, on the Runtime API's
 * threads: exactly one of {@link #buffered}, {@link #failed}, or {@link #streamStarted} followed by
 * chunks and one {@link #streamEnded}.
 */
public interface InvocationListener {

    /** The runtime posted the whole response payload. */
    void buffered(Buffer payload);

    /** The runtime began a streamed response ({@code Lambda-Runtime-Function-Response-Mode: streaming}). */
    void streamStarted(String contentType);

    void streamChunk(Buffer chunk);

    /**
     * The streamed response ended; {@code error} is null when it ended well, and otherwise says why it
     * did not: it broke off, was over the limit, or the runtime reported an error in its trailers.
     */
    void streamEnded(FunctionError error);

    /** The invocation failed before any of its response was sent. */
    void failed(FunctionError error);
}
