import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.buffer.BufferInternal;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A small reverse proxy, built four ways, to tell which HTTP layer a relay on the JVM spends its CPU
 * in: run on the same JVM, heap cap and CPU as scf-dev, each does the per-request work nginx's proxy
 * configuration does in this benchmark (bench/backend/proxy.conf.in) plus the ALB's trace id:
 * hop-by-hop headers dropped, X-Forwarded-For/Proto/Port and X-Amzn-Trace-Id added, keep-alive
 * connections to the backend, bodies relayed as they arrive. No routing table, no desync guard, no
 * Lambda, no access log, no timeouts.
 *
 * <p>The four: {@code netty}, Netty's server codec for clients and Netty's client codec for the backend
 * (idle connections kept per event loop); {@code vertx}, Vert.x's HTTP server as scf-dev has it and the same Netty backend side (what
 * replacing only the runner's upstream client could reach); {@code vertx-client}, Vert.x's server and Vert.x's
 * pooled HTTP client configured as the runner's {@code Origins}, with the same header work (what the
 * runner's own steps add on top of Vert.x); {@code vertx-conn}, the same but with connections kept idle
 * by this relay and requests sent on them directly (what Vert.x's connection pool costs). All four run
 * on Netty's epoll transport where its library loads, as the runner's sockets do.
 *
 * <p>Usage (bench/proxy-overhead starts it): java -Xmx128m -cp scf-dev.jar:classes NettyRelay netty|vertx|vertx-client|vertx-conn PORT BACKEND_PORT.
 * Bench code only; the runner does not use it.
 */
public final class NettyRelay {
    private static final AsciiString TRACE_ID = AsciiString.cached("x-amzn-trace-id");
    private static final AsciiString FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    private static final AsciiString FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    private static final AsciiString FORWARDED_PORT = AsciiString.cached("x-forwarded-port");
    private static final AsciiString HTTP = AsciiString.cached("http");
    private static final AsciiString[] HOP_BY_HOP = {HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE,
        HttpHeaderNames.TE, HttpHeaderNames.TRAILER, HttpHeaderNames.UPGRADE, HttpHeaderNames.PROXY_AUTHORIZATION,
        HttpHeaderNames.PROXY_AUTHENTICATE};
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final InetSocketAddress backend;
    private final AsciiString port;
    /** Idle backend connections, per event loop (each deque touched only from its loop's thread). */
    private final Map<EventLoop, ArrayDeque<Channel>> idle = new ConcurrentHashMap<>();

    /** Netty's epoll transport where its library loads (Linux x86-64), as the runner's sockets use. */
    private static final boolean EPOLL = Epoll.isAvailable();

    private NettyRelay(InetSocketAddress backend, int port) {
        this.backend = backend;
        this.port = AsciiString.cached(Integer.toString(port));
    }

    public static void main(String[] args) throws Exception {
        String front = args[0];
        int port = Integer.parseInt(args[1]);
        NettyRelay relay = new NettyRelay(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[2])), port);
        if (front.startsWith("vertx")) {
            Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
            HttpClientAgent client = vertx.httpClientBuilder()
                .with(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(2))
                .with(new PoolOptions().setHttp1MaxSize(64).setCleanerPeriod(500))
                .build();
            vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setCompressionSupported(false)
                    .setHttp2ClearTextEnabled(false))
                .requestHandler(request -> {
                    if (front.equals("vertx")) {
                        relay.new VertxFront(request).start();
                    } else if (front.equals("vertx-conn")) {
                        relay.viaVertxConnection(client, request);
                    } else {
                        relay.viaVertxClient(client, request);
                    }
                })
                .listen().await();
        } else {
            // one event loop, as the runner has: Vert.x runs every connection of a server created outside a
            // verticle on the event loop of the context it was created on
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
            new ServerBootstrap().group(group).channel(EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), relay.new NettyFront());
                    }
                })
                .bind("127.0.0.1", port).sync();
        }
        System.out.println("listening on 127.0.0.1:" + port + " (" + front + " front end)");
    }

    // ---- what every request gets, whichever front end read it

    /** The ALB's request steps, as nginx's proxy configuration does them, on the headers going to the backend. */
    private void forwardHeaders(HttpHeaders headers, String remote) {
        dropHopByHop(headers);
        String before = headers.get(FORWARDED_FOR);
        headers.set(FORWARDED_FOR, before == null ? remote : before + ", " + remote);
        headers.set(FORWARDED_PROTO, HTTP);
        headers.set(FORWARDED_PORT, port);
        headers.set(TRACE_ID, traceId());
    }

    private static void dropHopByHop(HttpHeaders headers) {
        String listed = headers.get(HttpHeaderNames.CONNECTION);
        if (listed != null) {
            for (String name : listed.split(",")) {
                headers.remove(name.trim());
            }
        }
        for (AsciiString name : HOP_BY_HOP) {
            headers.remove(name);
        }
    }

    /** Root=1-{8 hex digits of epoch seconds}-{24 random hex digits}, as the ALB writes it. */
    private static String traceId() {
        char[] id = new char[40];
        "Root=1-".getChars(0, 7, id, 0);
        long seconds = System.currentTimeMillis() / 1000;
        for (int i = 0; i < 8; i++) {
            id[14 - i] = HEX[(int) (seconds >>> (4 * i)) & 15];
        }
        id[15] = '-';
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long a = random.nextLong();
        long b = random.nextLong();
        for (int i = 0; i < 12; i++) {
            id[16 + i] = HEX[(int) (a >>> (4 * i)) & 15];
            id[28 + i] = HEX[(int) (b >>> (4 * i)) & 15];
        }
        return new String(id);
    }

    /** A response head from the backend as the client gets it: HTTP/1.1, and a close-delimited body re-framed as chunks. */
    private static void relayHead(HttpResponse response, HttpMethod method) {
        dropHopByHop(response.headers());
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        int status = response.status().code();
        if (!HttpUtil.isContentLengthSet(response) && !HttpUtil.isTransferEncodingChunked(response)
                && status >= 200 && status != 204 && status != 304 && !method.equals(HttpMethod.HEAD)) {
            HttpUtil.setTransferEncodingChunked(response, true);
        }
    }

    // ---- for comparison: the backend side on Vert.x's pooled HTTP client, configured as the runner's

    /** One request relayed with Vert.x's client, as the runner relays it, with the same header work as the others. */
    private void viaVertxClient(HttpClientAgent client, HttpServerRequest request) {
        request.pause();
        relayVertx(request, client.request(upstreamRequest(request)), null);
    }

    /** Idle connections of Vert.x's client for {@link #viaVertxConnection}, per event loop as the Netty side's. */
    private final Map<EventLoop, ArrayDeque<HttpClientConnection>> idleConnections = new ConcurrentHashMap<>();

    /** Vert.x's client and request objects, but connections kept idle by this relay instead of Vert.x's pool. */
    private void viaVertxConnection(HttpClientAgent client, HttpServerRequest request) {
        request.pause();
        ArrayDeque<HttpClientConnection> pool = idleConnections.computeIfAbsent(
            ((ContextInternal) Vertx.currentContext()).nettyEventLoop(), l -> new ArrayDeque<>());
        HttpClientConnection reused = pool.pollLast();
        Future<HttpClientConnection> connection = reused != null ? Future.succeededFuture(reused)
            : client.connect(new HttpConnectOptions().setServer(SocketAddress.inetSocketAddress(backend.getPort(), "127.0.0.1")))
                .andThen(ar -> {
                    if (ar.succeeded()) {
                        HttpClientConnection opened = ar.result();
                        opened.closeHandler(v -> pool.remove(opened));
                    }
                });
        connection.onComplete(ar -> {
            if (ar.failed()) {
                request.response().setStatusCode(502).end();
                return;
            }
            HttpClientConnection c = ar.result();
            relayVertx(request, c.request(upstreamRequest(request)), () -> pool.addLast(c));
        });
    }

    private RequestOptions upstreamRequest(HttpServerRequest request) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.add(header.getKey(), header.getValue());
        }
        forwardHeaders(headers, request.remoteAddress().hostAddress());
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> header : headers) {
            out.add(header.getKey(), header.getValue());
        }
        return new RequestOptions().setServer(SocketAddress.inetSocketAddress(backend.getPort(), "127.0.0.1"))
                .setMethod(request.method()).setURI(request.uri()).setHeaders(out);
    }

    /** Sends the request and relays its response; {@code done} runs once a keep-alive response has been read whole. */
    private static void relayVertx(HttpServerRequest request, Future<HttpClientRequest> sent, Runnable done) {
        sent.compose(upstream -> upstream.send(request))
            .onComplete(ar -> {
                HttpServerResponse response = request.response();
                if (ar.failed()) {
                    response.setStatusCode(502).end();
                    return;
                }
                HttpClientResponse in = ar.result();
                response.setStatusCode(in.statusCode());
                for (Map.Entry<String, String> header : in.headers()) {
                    if (!HttpHeaderNames.CONNECTION.contentEqualsIgnoreCase(header.getKey())
                            && !HttpHeaderNames.KEEP_ALIVE.contentEqualsIgnoreCase(header.getKey())) {
                        response.headers().add(header.getKey(), header.getValue());
                    }
                }
                in.handler(response::write);
                in.endHandler(v -> {
                    // a connection the backend keeps open goes back among the idle ones
                    if (done != null && in.version() == io.vertx.core.http.HttpVersion.HTTP_1_1
                            && !"close".equalsIgnoreCase(in.getHeader(HttpHeaderNames.CONNECTION))) {
                        done.run();
                    }
                    response.end();
                });
            });
    }

    // ---- the backend side: Netty's client codec, connections kept idle per event loop

    /** The client's side of one exchange. */
    private interface Sink {
        /** A backend connection is this exchange's until its response has ended. */
        void attached(Channel upstream);

        void fromUpstream(HttpObject msg);

        void fail(HttpResponseStatus status);
    }

    /** Lends the exchange an idle backend connection of this event loop, or opens one on it. */
    private void lend(EventLoop loop, Sink sink) {
        Channel reused = idle.computeIfAbsent(loop, l -> new ArrayDeque<>()).pollLast();
        if (reused != null) {
            ((Upstream) reused.pipeline().last()).sink = sink;
            sink.attached(reused);
            return;
        }
        Upstream handler = new Upstream(sink);
        new Bootstrap().group(loop).channel(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpClientCodec(), handler);
                }
            })
            .connect(backend).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    sink.attached(f.channel());
                } else {
                    sink.fail(HttpResponseStatus.BAD_GATEWAY);
                }
            });
    }

    /** One backend connection, lent to one exchange at a time. */
    private final class Upstream extends SimpleChannelInboundHandler<HttpObject> {
        private Sink sink;
        private boolean reusable;

        Upstream(Sink first) {
            super(false);
            this.sink = first;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpResponse response) {
                reusable = HttpUtil.isKeepAlive(response);
            }
            Sink to = sink;
            if (to == null) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof LastHttpContent) {
                // back among the idle before the client hears the end, so that its next request can take it
                sink = null;
                if (reusable) {
                    idle.get(ctx.channel().eventLoop()).addLast(ctx.channel());
                } else {
                    ctx.close();
                }
            }
            to.fromUpstream(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ArrayDeque<Channel> loopIdle = idle.get(ctx.channel().eventLoop());
            if (loopIdle != null) {
                loopIdle.remove(ctx.channel());
            }
            Sink to = sink;
            sink = null;
            if (to != null) {
                to.fail(HttpResponseStatus.BAD_GATEWAY);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    // ---- front end 1: Netty's server codec

    /**
     * One client connection, one request at a time: a pipelined next request is held until the response
     * before it has ended. Reading is never paused (turning reads off and on costs two system calls a
     * request), so a client that pipelines without end is not bounded here: bench code.
     */
    private final class NettyFront extends SimpleChannelInboundHandler<HttpObject> implements Sink {
        /** What was read for the current request before its backend connection was there. */
        private final ArrayDeque<HttpObject> pending = new ArrayDeque<>();
        /** What was read after the current request, to be served once its response has ended. */
        private final ArrayDeque<HttpObject> later = new ArrayDeque<>();
        private Channel client;
        private Channel upstream;
        private boolean busy;
        private boolean requestRead;
        private boolean lending;
        private boolean keepAlive;
        private HttpMethod method;

        NettyFront() {
            super(false);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            client = ctx.channel();
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (busy && requestRead) {
                later.add(msg);
            } else {
                take(msg);
            }
        }

        private void take(HttpObject msg) {
            if (msg instanceof HttpRequest request) {
                busy = true;
                requestRead = false;
                keepAlive = HttpUtil.isKeepAlive(request);
                method = request.method();
                forwardHeaders(request.headers(), ((InetSocketAddress) client.remoteAddress()).getAddress().getHostAddress());
                request.setProtocolVersion(HttpVersion.HTTP_1_1);
                lending = true;
            }
            if (msg instanceof LastHttpContent) {
                requestRead = true;
            }
            if (upstream == null) {
                pending.add(msg);
            } else if (msg instanceof LastHttpContent) {
                upstream.writeAndFlush(msg);
            } else {
                upstream.write(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            // a request's head and (for a GET, its empty) end come in one read: lent then, they leave in one write
            lendIfNew();
            if (upstream != null) {
                upstream.flush();
            }
        }

        private void lendIfNew() {
            if (lending) {
                lending = false;
                lend(client.eventLoop(), this);
            }
        }

        /** The response has ended: the next request read meanwhile, if any, goes now. */
        private void next() {
            busy = false;
            while (!later.isEmpty() && !(busy && requestRead)) {
                take(later.poll());
            }
            lendIfNew();
        }

        @Override
        public void attached(Channel channel) {
            upstream = channel;
            for (HttpObject m; (m = pending.poll()) != null; ) {
                channel.write(m);
            }
            channel.flush();
        }

        @Override
        public void fromUpstream(HttpObject msg) {
            if (msg instanceof HttpResponse response) {
                relayHead(response, method);
                if (!keepAlive) {
                    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                }
            }
            if (!(msg instanceof LastHttpContent)) {
                client.write(msg);
                if (msg instanceof HttpContent) {
                    client.flush();
                }
            } else if (keepAlive) {
                upstream = null;
                client.writeAndFlush(msg);
                next();
            } else {
                upstream = null;
                client.writeAndFlush(msg).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void fail(HttpResponseStatus status) {
            upstream = null;
            pending.forEach(ReferenceCountUtil::release);
            pending.clear();
            DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
            client.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            pending.forEach(ReferenceCountUtil::release);
            pending.clear();
            later.forEach(ReferenceCountUtil::release);
            later.clear();
            if (upstream != null) {
                upstream.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    // ---- front end 2: Vert.x's HTTP server, as the runner has it

    /** One request read by Vert.x's server, relayed over the Netty backend side. */
    private final class VertxFront implements Sink {
        private final HttpServerRequest request;
        private final HttpMethod method;

        VertxFront(HttpServerRequest request) {
            this.request = request;
            this.method = HttpMethod.valueOf(request.method().name());
        }

        void start() {
            request.pause();
            lend(((ContextInternal) Vertx.currentContext()).nettyEventLoop(), this);
        }

        @Override
        public void attached(Channel upstream) {
            HttpHeaders headers = new DefaultHttpHeaders();
            for (Map.Entry<String, String> header : request.headers()) {
                headers.add(header.getKey(), header.getValue());
            }
            forwardHeaders(headers, request.remoteAddress().hostAddress());
            upstream.write(new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, request.uri(), headers));
            request.handler(chunk -> upstream.writeAndFlush(new DefaultHttpContent(((BufferInternal) chunk).getByteBuf())));
            request.endHandler(v -> upstream.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
            request.resume();
        }

        @Override
        public void fromUpstream(HttpObject msg) {
            HttpServerResponse response = request.response();
            if (msg instanceof HttpResponse head) {
                relayHead(head, method);
                response.setStatusCode(head.status().code());
                if (HttpUtil.isTransferEncodingChunked(head)) {
                    head.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
                    response.setChunked(true);
                }
                for (Map.Entry<String, String> header : head.headers()) {
                    response.headers().add(header.getKey(), header.getValue());
                }
            }
            if (msg instanceof HttpContent content) {
                // copied out of Netty's pooled buffer, as Vert.x's client does with what it reads
                BufferInternal chunk = BufferInternal.buffer(ByteBufUtil.getBytes(content.content()));
                content.release();
                if (msg instanceof LastHttpContent) {
                    response.end(chunk);
                } else {
                    response.write(chunk);
                }
            }
        }

        @Override
        public void fail(HttpResponseStatus status) {
            request.response().setStatusCode(status.code()).end();
        }
    }
}
