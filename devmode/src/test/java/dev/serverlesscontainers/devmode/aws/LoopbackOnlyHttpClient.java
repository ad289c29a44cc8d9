package dev.serverlesscontainers.devmode.aws;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The HTTP client scf-dev uses, refusing any request that is not for 127.0.0.1: a test that would
 * reach a real AWS endpoint fails instead. Records every host asked for.
 */
final class LoopbackOnlyHttpClient implements SdkHttpClient {
    private final SdkHttpClient delegate = UrlConnectionHttpClient.builder().build();
    private final List<String> hosts = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String host = request.httpRequest().host();
        hosts.add(host + ":" + request.httpRequest().port());
        if (!"127.0.0.1".equals(host)) {
            throw new AssertionError("a test tried to reach " + request.httpRequest().getUri() + "; only 127.0.0.1 is allowed");
        }
        return delegate.prepareRequest(request);
    }

    /** Every host:port a request was prepared for. */
    List<String> hosts() {
        return List.copyOf(hosts);
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        delegate.close();
    }
}
