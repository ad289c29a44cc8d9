package dev.serverlesscontainers.components;

import dev.serverlesscontainers.model.routing.ListenerRules;
import dev.serverlesscontainers.model.routing.NotFound;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesscontainers.model.routing.Route;
import dev.serverlesscontainers.model.routing.RoutingTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The viewer-request CloudFront Function ({@value #RUNTIME}) that enforces the routing table at the
 * edge: the table's rules, in the order they are tried, as data; a port of the model's wildcard matching and
 * host normalization; the first rule that matches, among those whose origin the distribution has
 * (as its key value store says, see the template), selects its container's origin with
 * {@code cf.selectRequestOriginById}. When no rule matches, the function answers 404 {@code Not Found}
 * itself, without calling an origin, as the load balancer's default action and the dev proxy do.
 *
 * <p>The chosen container's name goes to the origin in {@value #CONTAINER_HEADER} (replacing any a
 * viewer sent), for the load balancer's listener rules. The viewer's normalized host goes to the
 * origin in {@value #FORWARDED_HOST_HEADER}: the
 * distribution forwards every viewer header except {@code Host} (Lambda function URLs behind origin
 * access control must receive their own host, or the signature fails), so the load balancer's
 * listener rules match this header instead of {@code Host}.
 */
public final class RoutingFunction {
    private RoutingFunction() {}

    public static final String RUNTIME = "cloudfront-js-2.0";
    /** {@link ListenerRules#FORWARDED_HOST_HEADER}, which this function sets. */
    public static final String FORWARDED_HOST_HEADER = ListenerRules.FORWARDED_HOST_HEADER;
    /** {@link ListenerRules#CONTAINER_HEADER}, which this function sets. */
    public static final String CONTAINER_HEADER = ListenerRules.CONTAINER_HEADER;
    /** CloudFront's limit on a function's code. */
    public static final int MAX_CODE_BYTES = 10 * 1024;
    /**
     * Stands for the key value store's id in {@link #code} until {@link #withStore} puts the real one
     * in: as long as an id (a UUID), so that the size check counts it.
     */
    static final String STORE_ID_PLACEHOLDER = "scf-key-value-store-id-placeholder00";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The function's code.
     *
     * @param originIdOf the distribution's origin id for a container
     * @throws IllegalArgumentException when the table does not fit in a CloudFront Function
     */
    public static String code(String description, RoutingTable table, Function<String, String> originIdOf) {
        List<List<String>> rows = new ArrayList<>();
        for (Route r : table.routes()) {
            rows.add(Arrays.asList(r.host().orElse(null), r.pathPattern(), originIdOf.apply(r.container()), r.container()));
        }
        String code = TEMPLATE
                .replace("$STORE", json(STORE_ID_PLACEHOLDER))
                .replace("$DESCRIPTION", description.replace("*/", "* /").replace("\n", " "))
                .replace("$ROUTES", json(rows))
                .replace("$HEADER", json(FORWARDED_HOST_HEADER))
                .replace("$CONTAINER", json(CONTAINER_HEADER))
                .replace("$NOT_FOUND_STATUS", String.valueOf(NotFound.STATUS))
                .replace("$NOT_FOUND_TYPE", json(NotFound.CONTENT_TYPE))
                .replace("$NOT_FOUND_BODY", json(NotFound.BODY));
        int size = code.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_CODE_BYTES) {
            throw new IllegalArgumentException("the routing table (" + table.routes().size() + " routes) makes a CloudFront Function of "
                    + size + " bytes; CloudFront allows at most " + MAX_CODE_BYTES + " bytes");
        }
        return code;
    }

    /** The code with the id of the key value store that says which origins the distribution has. */
    static String withStore(String code, String storeId) {
        return code.replace(json(STORE_ID_PLACEHOLDER), json(storeId));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // Ports of Route.normalizeHost, Route.matches and Wildcard.matches (linear-time), kept in ES5 plus
    // the import and async/await, which is what cloudfront-js-2.0 runs. The routing vectors run against
    // this code.
    //
    // A rule takes requests only once its origin id is a key of the key value store. The deploy writes
    // the keys after the distribution with those origins is deployed, so a function published with a
    // new container's rule never sends a request to an origin the distribution does not have yet: until
    // the key is there, the request goes to the next rule that matches, that is, where it went before.
    // Should the store not answer, the rule takes the request (the table as it is).
    private static final String TEMPLATE = """
            import cf from 'cloudfront';

            // $DESCRIPTION
            // Generated by Serverless Containers for Pulumi from the routing table; do not edit.
            // Rules in the order they are tried: [host pattern or null, path pattern, origin id, container].
            var ROUTES = $ROUTES;
            var DEPLOYED_ORIGINS = cf.kvs($STORE);
            var FORWARDED_HOST = $HEADER;
            var CONTAINER = $CONTAINER;

            function wildcardMatches(pattern, input) {
              var p = 0, i = 0, star = -1, starInput = 0;
              while (i < input.length) {
                var c = p < pattern.length ? pattern.charAt(p) : '';
                if (c === '*') {
                  star = p++;
                  starInput = i;
                } else if (c !== '' && (c === '?' || c === input.charAt(i))) {
                  p++;
                  i++;
                } else if (star >= 0) {
                  p = star + 1;
                  i = ++starInput;
                } else {
                  return false;
                }
              }
              while (p < pattern.length && pattern.charAt(p) === '*') {
                p++;
              }
              return p === pattern.length;
            }

            function normalizeHost(value) {
              var h = (value || '').trim().toLowerCase();
              if (h.charAt(0) === '[') {
                var end = h.indexOf(']');
                return end < 0 ? h : h.substring(0, end + 1);
              }
              var colon = h.indexOf(':');
              if (colon >= 0) {
                h = h.substring(0, colon);
              }
              return h.charAt(h.length - 1) === '.' ? h.substring(0, h.length - 1) : h;
            }

            async function deployed(originId) {
              try {
                return await DEPLOYED_ORIGINS.exists(originId);
              } catch (e) {
                return true;
              }
            }

            async function handler(event) {
              var request = event.request;
              var host = normalizeHost(request.headers.host ? request.headers.host.value : '');
              for (var n = 0; n < ROUTES.length; n++) {
                var route = ROUTES[n];
                if ((route[0] === null || wildcardMatches(route[0], host)) && wildcardMatches(route[1], request.uri)
                    && await deployed(route[2])) {
                  request.headers[FORWARDED_HOST] = { value: host };
                  request.headers[CONTAINER] = { value: route[3] };
                  cf.selectRequestOriginById(route[2]);
                  return request;
                }
              }
              return {
                statusCode: $NOT_FOUND_STATUS,
                statusDescription: $NOT_FOUND_BODY,
                headers: { 'content-type': { value: $NOT_FOUND_TYPE } },
                body: { encoding: 'text', data: $NOT_FOUND_BODY }
              };
            }
            """;
}
