package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.devmode.target.Upstream;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.http.HttpClosedException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The keep-alive connections to one instance, for the exchanges that relay HTTP on Netty's client codec
 * ({@link RelayExchange}): the ALB emulator's hottest path, where Vert.x's client cost about 13 us of CPU
 * per request (BENCHMARKS.md, section 1). Kept per event loop, so that a connection is only ever touched
 * from the thread of the exchange using it, and nothing here takes a lock or makes a future per request.
 *
 * <p>Idle connections are closed after {@link Origins#KEEP_ALIVE_SECONDS}, or as long as the app's
 * {@code Keep-Alive: timeout} allows ({@link AppConnection#idleBoundSeconds}), swept every
 * {@link Origins#SWEEP_MILLIS}; at most {@link Origins#MAX_CONNECTIONS} per event loop, further
 * exchanges waiting in order for one; all of them closed when the instance is.
 */
final class AppChannels {
    /**
     * The app's response heads are decoded into Vert.x's header map (validated as Vert.x validates a
     * request's), which is what the relay copies them into: the copy then walks the decoded names and
     * values as they are (HopByHopHeaders), with no adaptor and no String made of each.
     */
    private static final HttpHeadersFactory VERTX_HEADERS = new HttpHeadersFactory() {
        @Override
        public HttpHeaders newHeaders() {
            return HeadersMultiMap.httpHeaders();
        }

        @Override
        public HttpHeaders newEmptyHeaders() {
            return HeadersMultiMap.httpHeaders();
        }
    };
    private static final HttpDecoderConfig DECODER = new HttpDecoderConfig()
            .setMaxInitialLineLength(RequestChecks.MAX_REQUEST_LINE_BYTES)
            .setMaxHeaderSize(Origins.MAX_RESPONSE_HEADER_BYTES)
            .setMaxChunkSize(8192)
            .setHeadersFactory(VERTX_HEADERS)
            // the end of every response carries a trailer map, nearly always empty: Vert.x's makes its
            // table on the first header added, Netty's when made
            .setTrailersFactory(VERTX_HEADERS);

    private final Upstream upstream;
    private final ChannelFactory<? extends Channel> channelFactory;
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final Map<EventLoop, Loop> loops = new ConcurrentHashMap<>();
    private volatile boolean closed;

    AppChannels(Upstream upstream, ChannelFactory<? extends Channel> channelFactory, Duration connectTimeout, Duration idleTimeout) {
        this.upstream = upstream;
        this.channelFactory = channelFactory;
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
    }

    /**
     * Lends {@code exchange} a connection on {@code loop} (the exchange's own), now or once one is free;
     * {@code lent} gets it, or why none could be had (a failed connect is a {@link java.net.ConnectException}
     * or a {@link io.netty.channel.ConnectTimeoutException}). Called on {@code loop}.
     */
    void lend(EventLoop loop, BiConsumer<AppConnection, Throwable> lent) {
        if (closed) {
            lent.accept(null, poolClosed());
            return;
        }
        loops.computeIfAbsent(loop, Loop::new).lend(lent);
    }

    /** Closes every connection, idle or lent; exchanges still waiting for one fail. */
    void close() {
        closed = true;
        for (Loop loop : loops.values()) {
            loop.eventLoop.execute(loop::close);
        }
    }

    /** One event loop's connections; touched only on that loop. */
    final class Loop {
        private final EventLoop eventLoop;
        private final ArrayDeque<AppConnection> idle = new ArrayDeque<>();
        private final ArrayDeque<BiConsumer<AppConnection, Throwable>> waiting = new ArrayDeque<>();
        /** Every connection open or opening, idle or lent. */
        private final Set<AppConnection> open = Collections.newSetFromMap(new IdentityHashMap<>());
        private ScheduledFuture<?> sweep;

        Loop(EventLoop eventLoop) {
            this.eventLoop = eventLoop;
        }

        void lend(BiConsumer<AppConnection, Throwable> lent) {
            AppConnection connection;
            while ((connection = idle.pollLast()) != null) {
                if (connection.usable(System.nanoTime())) {
                    lent.accept(connection, null);
                    return;
                }
                connection.close();
            }
            if (open.size() < Origins.MAX_CONNECTIONS) {
                connect(lent);
            } else {
                waiting.add(lent);
            }
        }

        private void connect(BiConsumer<AppConnection, Throwable> lent) {
            AppConnection connection = new AppConnection(this, idleTimeout);
            open.add(connection);
            ChannelFuture connecting = new Bootstrap().group(eventLoop).channelFactory(channelFactory)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            connection.initialize(channel.pipeline(), new HttpClientCodec(DECODER, false, false));
                        }
                    })
                    .connect(upstream.address());
            // counted out when its channel closes, whether it was ever connected or not
            connecting.channel().closeFuture().addListener(f -> closed(connection));
            connecting.addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    lent.accept(connection, null);
                } else {
                    // closing the instance closes the connections it was still opening too
                    lent.accept(null, closed ? poolClosed() : f.cause());
                }
            });
            if (sweep == null) {
                sweep = eventLoop.scheduleAtFixedRate(this::sweep, Origins.SWEEP_MILLIS, Origins.SWEEP_MILLIS, TimeUnit.MILLISECONDS);
            }
        }

        /** A connection whose exchange is over and that may carry another request. */
        void giveBack(AppConnection connection) {
            BiConsumer<AppConnection, Throwable> next = waiting.poll();
            if (next != null) {
                next.accept(connection, null);
            } else {
                idle.addLast(connection);
            }
        }

        /** A connection has closed (or never opened): one fewer open, so a waiting exchange may open one. */
        void closed(AppConnection connection) {
            if (!open.remove(connection)) {
                return;
            }
            idle.remove(connection);
            BiConsumer<AppConnection, Throwable> next = waiting.poll();
            if (next != null) {
                if (closed) {
                    next.accept(null, poolClosed());
                } else {
                    connect(next);
                }
            }
        }

        private void sweep() {
            long now = System.nanoTime();
            // closed after the walk: a closing connection takes itself out of idle (closed()), synchronously
            List<AppConnection> expired = new ArrayList<>();
            for (AppConnection connection : idle) {
                if (!connection.usable(now)) {
                    expired.add(connection);
                }
            }
            expired.forEach(AppConnection::close);
            if (open.isEmpty() && sweep != null) {
                sweep.cancel(false);
                sweep = null;
            }
        }

        private void close() {
            for (BiConsumer<AppConnection, Throwable> next; (next = waiting.poll()) != null; ) {
                next.accept(null, poolClosed());
            }
            idle.clear();
            for (AppConnection connection : open.toArray(new AppConnection[0])) {
                connection.close();
            }
            if (sweep != null) {
                sweep.cancel(false);
                sweep = null;
            }
        }
    }

    /** Why an exchange gets no connection from a closed instance: "stopped before answering" ({@link Failure#upstream}). */
    private static HttpClosedException poolClosed() {
        return new HttpClosedException(Failure.POOL_CLOSED);
    }
}
