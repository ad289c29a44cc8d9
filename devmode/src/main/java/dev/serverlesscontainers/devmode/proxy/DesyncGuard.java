package dev.serverlesscontainers.devmode.proxy;

import java.util.Map;

/**
 * Sorts a request into the tiers of the ALB's HTTP desync mitigation (AWS's http-desync-guardian):
 * compliant, acceptable, ambiguous (the body's length or a header could be read differently by
 * another server) and severe (malformed, or crafted to split requests). In the ALB's default
 * defensive mode a severe request gets 400 and its connection closed, an ambiguous one is forwarded
 * and then both the client's and the target's connection are closed, the rest is forwarded.
 *
 * <p>Where the guardian lets a request through that scf-dev's HTTP client cannot forward byte for
 * byte (a control byte in a header name or value, in the target), scf-dev refuses it rather than
 * send the app something else than the client sent. Netty, which parses the request first, already
 * refuses some inputs the guardian calls ambiguous (a repeated Content-Length, a header name that is
 * not ASCII); those get 400 from {@link AlbProxy}'s invalid-request handler.
 *
 * <p>This runs on every request: the compliant path allocates nothing (it returns
 * {@link Verdict#COMPLIANT}) and reads each header once, which is also where the ALB's per-header
 * size limit is checked.
 */
final class DesyncGuard {
    private DesyncGuard() {}

    enum Tier { COMPLIANT, AMBIGUOUS, SEVERE }

    /**
     * Set by {@link DecoderGate} on an ambiguous request, to the reason, for {@link ProxyHandler}; never
     * forwarded, and removed from every request that comes with one.
     */
    static final String AMBIGUITY_HEADER = "x-scf-dev-ambiguous";

    /** A severe request, as a decoding failure: the server hands it to {@link ProxyHandler#refuseMalformed}. */
    static final class Refused extends IllegalArgumentException {
        final Verdict verdict;

        Refused(Verdict verdict) {
            super(verdict.reason());
            this.verdict = verdict;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // an answer, not an error: no stack to record
        }
    }

    /**
     * @param status the answer to a severe request: 400, or 501 for a Transfer-Encoding the ALB does not
     *     support (its own documented answer)
     */
    record Verdict(Tier tier, String reason, int status) {
        static final Verdict COMPLIANT = new Verdict(Tier.COMPLIANT, "", 0);

        static Verdict ambiguous(String reason) {
            return new Verdict(Tier.AMBIGUOUS, reason, 0);
        }

        static Verdict severe(String reason) {
            return new Verdict(Tier.SEVERE, reason, 400);
        }

        /** What the client gets instead of the app's answer. */
        Failure refusal() {
            return status == 501 ? Failure.unsupportedTransferEncoding(reason) : Failure.badRequest(reason);
        }
    }

    private static final String CONTENT_LENGTH = "content-length";
    private static final String TRANSFER_ENCODING = "transfer-encoding";
    private static final String HOST = "host";

    /**
     * @param version {@code HTTP/1.1}, {@code HTTP/1.0}, or what else the request line said
     * @param headers as parsed, in order
     */
    static Verdict classify(String method, String target, String version, Iterable<Map.Entry<String, String>> headers) {
        boolean http10 = version.equals("HTTP/1.0");
        if (!http10 && !version.equals("HTTP/1.1")) {
            // the guardian lets HTTP/0.9 and HTTP/1.2 pass as acceptable; neither can be forwarded as HTTP/1.1
            return Verdict.severe("the request line's version is " + version + " (only HTTP/1.0 and HTTP/1.1 are supported)");
        }
        Verdict targetVerdict = checkTarget(method, target);
        if (targetVerdict != null) {
            return targetVerdict;
        }
        String contentLength = null;
        int contentLengths = 0;
        String transferEncoding = null;
        int transferEncodings = 0;
        int hosts = 0;
        String host = null;
        String suspicious = null;
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey();
            String value = h.getValue();
            Failure tooLarge = RequestChecks.headerTooLarge(name, value);
            if (tooLarge != null) {
                return Verdict.severe(tooLarge.reason());
            }
            int bad = firstNonTokenChar(name);
            if (bad >= 0 || name.isEmpty()) {
                return Verdict.severe("header name " + Failure.printable(name) + " is not a token"
                        + (bad >= 0 ? " (byte " + hex(name.charAt(bad)) + ")" : ""));
            }
            bad = firstControlChar(value);
            if (bad >= 0) {
                return Verdict.severe("header " + name + " holds the control byte " + hex(value.charAt(bad)));
            }
            if (name.equalsIgnoreCase(CONTENT_LENGTH)) {
                if (!isDigits(value) || Long.parseLong(value) > MAX_CONTENT_LENGTH) {
                    return Verdict.severe("Content-Length " + Failure.printable(value) + " is not a number up to " + MAX_CONTENT_LENGTH);
                }
                if (contentLength != null && !contentLength.equals(value)) {
                    return Verdict.severe("Content-Length is given twice with different values");
                }
                contentLength = value;
                contentLengths++;
            } else if (name.equalsIgnoreCase(TRANSFER_ENCODING)) {
                transferEncoding = value;
                transferEncodings++;
            } else if (name.equalsIgnoreCase(HOST)) {
                host = value;
                hosts++;
            } else if (suspicious == null && (looksLike(name, "transferencoding") || looksLike(name, "contentlength"))) {
                suspicious = name;
            }
        }
        if (hosts > 1) {
            return Verdict.severe("Host is given " + hosts + " times");
        }
        if (target.charAt(0) != '/') {
            Verdict absolute = checkAbsoluteForm(target, host);
            if (absolute != null) {
                return absolute;
            }
        }
        Verdict framing = checkTransferEncoding(transferEncoding, transferEncodings);
        if (framing != null) {
            return framing;
        }
        return ambiguity(method, http10, contentLength, contentLengths, transferEncoding, suspicious);
    }

    /** Null when the target is fine. Only origin-form, or absolute-form naming the Host, can be routed as the ALB routes. */
    private static Verdict checkTarget(String method, String target) {
        if (target.isEmpty()) {
            return Verdict.severe("the request line has no target");
        }
        int bad = firstNonVisibleChar(target);
        if (bad >= 0) {
            return Verdict.severe("the request target holds the byte " + hex(target.charAt(bad)));
        }
        if (method.equals("CONNECT")) {
            return Verdict.severe("the ALB is no forward proxy: CONNECT is not supported");
        }
        if (target.equals("*")) {
            return Verdict.severe("an asterisk-form target (*) has no path to route by");
        }
        return null;
    }

    /**
     * An absolute-form target ({@code http://host/path}) is reduced to its path before forwarding, and
     * routing reads the Host header: a server that reads the target's host instead (RFC 9112 says it
     * must) would route the request elsewhere than the rule that matched, so both must name one host.
     */
    private static Verdict checkAbsoluteForm(String target, String host) {
        int authority = target.regionMatches(true, 0, "http://", 0, 7) ? 7 : target.regionMatches(true, 0, "https://", 0, 8) ? 8 : -1;
        if (authority < 0) {
            return Verdict.severe("the request target " + target + " is neither a path nor an http(s) URL");
        }
        int end = authority;
        while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?' && target.charAt(end) != '#') {
            end++;
        }
        if (host == null || end - authority != host.length() || !target.regionMatches(true, authority, host, 0, host.length())) {
            return Verdict.severe("the request target names host " + target.substring(authority, end) + " but Host is "
                    + (host == null ? "missing" : host));
        }
        return null;
    }

    /** Null unless the Transfer-Encoding makes the body unreadable. */
    private static Verdict checkTransferEncoding(String value, int headers) {
        if (headers == 0) {
            return null;
        }
        if (headers > 1) {
            return Verdict.severe("Transfer-Encoding is given " + headers + " times");
        }
        int chunked = 0;
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i < value.length() && value.charAt(i) != ',') {
                continue;
            }
            String coding = value.substring(start, i).strip();
            start = i + 1;
            if (coding.equalsIgnoreCase("chunked")) {
                chunked++;
            } else if (!coding.equalsIgnoreCase("identity")) {
                if (firstNonTokenChar(coding) >= 0 || coding.isEmpty()) {
                    return Verdict.severe("Transfer-Encoding " + Failure.printable(value) + " is malformed");
                }
                return new Verdict(Tier.SEVERE, coding, 501);
            }
        }
        if (chunked > 1 || chunked == 1 && !endsWithChunked(value)) {
            return Verdict.severe("Transfer-Encoding " + value + " does not apply chunked exactly once, last");
        }
        return null;
    }

    private static Verdict ambiguity(String method, boolean http10, String contentLength, int contentLengths,
                                     String transferEncoding, String suspicious) {
        if (transferEncoding != null && contentLength != null) {
            return Verdict.ambiguous("both Content-Length and Transfer-Encoding");
        }
        if (contentLengths > 1) {
            return Verdict.ambiguous("Content-Length is given " + contentLengths + " times");
        }
        if (suspicious != null) {
            return Verdict.ambiguous("header " + suspicious + " may be read as Content-Length or Transfer-Encoding");
        }
        if (transferEncoding != null && http10) {
            return Verdict.ambiguous("Transfer-Encoding on an HTTP/1.0 request");
        }
        if (transferEncoding != null && !endsWithChunked(transferEncoding)) {
            return Verdict.ambiguous("Transfer-Encoding " + transferEncoding + " without chunked");
        }
        boolean noBodySemantics = method.equals("GET") || method.equals("HEAD");
        if (noBodySemantics && transferEncoding != null) {
            return Verdict.ambiguous("a " + method + " request with a Transfer-Encoding");
        }
        if (noBodySemantics && contentLength != null && !isZero(contentLength)) {
            return Verdict.ambiguous("a " + method + " request with a body");
        }
        return Verdict.COMPLIANT;
    }

    /**
     * Whether {@code name}, its letters lower-cased and everything else dropped, spells {@code letters}:
     * {@code Transfer_Encoding} and {@code Content--Length} are such names, which some servers normalise
     * into the framing headers and others do not.
     */
    static boolean looksLike(String name, String letters) {
        if (name.length() < letters.length()) {
            return false;
        }
        int next = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            char lower = (char) (c | 0x20);
            if (lower < 'a' || lower > 'z') {
                continue;
            }
            if (next == letters.length() || letters.charAt(next) != lower) {
                return false;
            }
            next++;
        }
        return next == letters.length();
    }

    private static boolean endsWithChunked(String value) {
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
            end--;
        }
        return end >= 7 && value.regionMatches(true, end - 7, "chunked", 0, 7);
    }

    /**
     * The largest Content-Length let through: 2^53 - 1, the largest number an app that reads it as a
     * double (JavaScript, some JSON-minded frameworks) still reads exactly; a longer body is far past
     * anything a container takes, and a larger number is one an app could read as another length.
     */
    static final long MAX_CONTENT_LENGTH = (1L << 53) - 1;

    private static boolean isDigits(String value) {
        if (value.isEmpty() || value.length() > 16) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isZero(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 tchar: the characters a header name or a transfer coding may have. */
    private static int firstNonTokenChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean token = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c < 0x7f && c > 0x20 && "!#$%&'*+.^`|~".indexOf(c) >= 0;
            if (!token) {
                return i;
            }
        }
        return -1;
    }

    /** Control bytes other than HTAB: a value with one is refused (NUL, CR and LF are severe for the guardian). */
    private static int firstControlChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return i;
            }
        }
        return -1;
    }

    /** A target is visible ASCII only; the app's parser may read any other byte differently from ours. */
    private static int firstNonVisibleChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return i;
            }
        }
        return -1;
    }

    private static String hex(char c) {
        return String.format("0x%02x", (int) c);
    }
}
