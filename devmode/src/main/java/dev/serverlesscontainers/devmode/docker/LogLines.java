package dev.serverlesscontainers.devmode.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.serverlesscontainers.devmode.runtime.LogSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns a container's log stream into lines. The engine multiplexes stdout and stderr into frames
 * (the client splits them by their headers) that end anywhere, mid-line or mid-character; each
 * stream keeps its own unfinished line until its newline comes, or the stream ends.
 */
final class LogLines extends ResultCallback.Adapter<Frame> {
    /** A line longer than this is passed on in pieces, so that a stream without newlines cannot grow memory. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private final LogSink sink;
    private final String container;
    private final String instanceId;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    LogLines(LogSink sink, String container, String instanceId) {
        this.sink = sink;
        this.container = container;
        this.instanceId = instanceId;
    }

    @Override
    public synchronized void onNext(Frame frame) {
        LogSink.Stream stream = frame.getStreamType() == StreamType.STDERR ? LogSink.Stream.STDERR : LogSink.Stream.STDOUT;
        ByteArrayOutputStream pending = stream == LogSink.Stream.STDERR ? stderr : stdout;
        for (byte b : frame.getPayload()) {
            if (b == '\n') {
                emit(stream, pending);
            } else {
                pending.write(b);
                if (pending.size() >= MAX_LINE_BYTES) {
                    emit(stream, pending);
                }
            }
        }
    }

    @Override
    public void onComplete() {
        flush();
        super.onComplete();
    }

    @Override
    public void onError(Throwable throwable) {
        flush();
        super.onError(throwable);
    }

    private synchronized void flush() {
        if (stdout.size() > 0) {
            emit(LogSink.Stream.STDOUT, stdout);
        }
        if (stderr.size() > 0) {
            emit(LogSink.Stream.STDERR, stderr);
        }
    }

    private void emit(LogSink.Stream stream, ByteArrayOutputStream pending) {
        String text = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        sink.line(container, instanceId, stream, text);
    }
}
