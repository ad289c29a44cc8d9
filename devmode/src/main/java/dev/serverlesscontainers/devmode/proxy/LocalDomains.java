package dev.serverlesscontainers.devmode.proxy;

import dev.serverlesscontainers.model.routing.Route;

/**
 * Makes domain-routed containers reachable from a browser: browsers resolve every
 * {@code *.localhost} name to the loopback address, so a request whose Host is
 * {@code admin.example.com.localhost:3000} is routed as if its Host were {@code admin.example.com}.
 * The app still receives the Host the client sent.
 */
final class LocalDomains {
    private LocalDomains() {}

    static final String SUFFIX = ".localhost";

    /** The host rules are matched against: lower case, no port, {@code .localhost} removed. */
    static String routingHost(String hostHeader) {
        String host = Route.normalizeHost(hostHeader);
        if (host.endsWith(SUFFIX) && host.length() > SUFFIX.length()) {
            return host.substring(0, host.length() - SUFFIX.length());
        }
        return host;
    }
}
