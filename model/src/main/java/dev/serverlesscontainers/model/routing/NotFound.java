package dev.serverlesscontainers.model.routing;

/**
 * The answer when no rule of the routing table matches, the same from the dev proxy, the CloudFront
 * Function and the load balancer's default action: {@value #STATUS} {@value #BODY}, as plain text.
 */
public final class NotFound {
    private NotFound() {}

    public static final int STATUS = 404;
    public static final String BODY = "Not Found";
    /** The content type clients receive. */
    public static final String CONTENT_TYPE = "text/plain; charset=utf-8";
    /**
     * The same type as a listener's fixed response names it: the ELB API takes a bare media type from a
     * short list ({@code text/plain}, {@code text/css}, {@code text/html}, {@code application/javascript},
     * {@code application/json}), without parameters.
     */
    public static final String FIXED_RESPONSE_CONTENT_TYPE = "text/plain";

    /** "404 Not Found", for listings. */
    public static String describe() {
        return STATUS + " " + BODY;
    }
}
