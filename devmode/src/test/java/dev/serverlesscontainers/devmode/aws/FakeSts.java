package dev.serverlesscontainers.devmode.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local STS on 127.0.0.1 that speaks the Query protocol as AWS does: form-encoded POSTs signed with
 * SigV4, XML answers in the 2011-06-15 namespace, and XML error bodies ({@code AccessDenied} 403,
 * {@code ExpiredToken} and {@code ValidationError} 400, {@code InvalidClientTokenId} 403). Callers are
 * known by the access key id in the Authorization header; roles trust the callers they are told to.
 * Every secret it hands out (or is sent) is remembered, so tests can search output for them.
 */
final class FakeSts implements AutoCloseable {
    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");
    private static final Pattern SESSION_NAME = Pattern.compile("^[\\w+=,.@-]{2,64}$");

    /** One request as received. */
    record Request(String action, Map<String, String> params, String accessKeyId, String host, String securityToken) {}

    /** A scripted failure for an action. */
    record Failure(int status, String code, String message) {}

    private final HttpServer server;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> callers = new ConcurrentHashMap<>();
    private final Set<String> expiredCallers = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<String>> trust = new ConcurrentHashMap<>();
    private final Map<String, String> issuedTo = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    private final Map<String, Failure> failing = new ConcurrentHashMap<>();
    private volatile Duration lifetime = Duration.ofHours(1);
    private volatile boolean echoTokenInErrors;

    private FakeSts() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeSts start() throws IOException {
        return new FakeSts();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Knows {@code accessKeyId} (and remembers its secret, to search output for it) as {@code arn}. */
    FakeSts caller(String accessKeyId, String secretAccessKey, String arn) {
        callers.put(accessKeyId, arn);
        secrets.add(accessKeyId);
        secrets.add(secretAccessKey);
        return this;
    }

    /** From now on, requests signed with this key get {@code ExpiredToken}. */
    FakeSts expire(String accessKeyId) {
        expiredCallers.add(accessKeyId);
        return this;
    }

    FakeSts trust(String roleArn, String callerArn) {
        trust.computeIfAbsent(roleArn, r -> ConcurrentHashMap.newKeySet()).add(callerArn);
        return this;
    }

    FakeSts distrust(String roleArn) {
        trust.remove(roleArn);
        return this;
    }

    /** How long the credentials it issues from now on last (STS's minimum is 15 minutes; tests need seconds). */
    FakeSts lifetime(Duration d) {
        lifetime = d;
        return this;
    }

    /** Every call of {@code action} fails so until {@link #recover}. */
    FakeSts fail(String action, int status, String code, String message) {
        failing.put(action, new Failure(status, code, message));
        return this;
    }

    FakeSts recover(String action) {
        failing.remove(action);
        return this;
    }

    /** Error messages quote the request's security token, as SigV4 errors quote the canonical request. */
    FakeSts echoTokenInErrors() {
        echoTokenInErrors = true;
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String action) {
        return requests.stream().filter(r -> r.action().equals(action)).toList();
    }

    /** Every key, secret and token it knows or issued. */
    List<String> secrets() {
        return List.copyOf(secrets);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestHeaders().getFirst("Content-Type")
                    .startsWith("application/x-www-form-urlencoded")) {
                error(exchange, 400, "InvalidAction", "expected a form-encoded POST", "");
                return;
            }
            Map<String, String> params = form(new String(body, StandardCharsets.UTF_8));
            String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            Matcher m = CREDENTIAL.matcher(auth);
            String keyId = m.find() ? m.group(1) : "";
            String token = exchange.getRequestHeaders().getFirst("X-Amz-Security-Token");
            String action = params.getOrDefault("Action", "");
            requests.add(new Request(action, params, keyId, exchange.getRequestHeaders().getFirst("Host"), token));
            String echo = echoTokenInErrors && token != null ? " The canonical request was: x-amz-security-token:" + token : "";

            if (!"2011-06-15".equals(params.get("Version"))) {
                error(exchange, 400, "InvalidAction", "Could not find operation " + action + " for version " + params.get("Version"), echo);
                return;
            }
            Failure scripted = failing.get(action);
            if (scripted != null) {
                error(exchange, scripted.status(), scripted.code(), scripted.message(), echo);
                return;
            }
            String callerArn = callers.get(keyId);
            if (callerArn == null) {
                callerArn = issuedTo.get(keyId);
            }
            if (callerArn == null) {
                error(exchange, 403, "InvalidClientTokenId", "The security token included in the request is invalid.", echo);
                return;
            }
            if (expiredCallers.contains(keyId)) {
                error(exchange, 400, "ExpiredToken", "The security token included in the request is expired", echo);
                return;
            }
            switch (action) {
                case "GetCallerIdentity" -> ok(exchange, action, "<Arn>" + xml(callerArn) + "</Arn><UserId>AIDAEXAMPLE:"
                        + xml(name(callerArn)) + "</UserId><Account>" + account(callerArn) + "</Account>");
                case "AssumeRole" -> assumeRole(exchange, params, callerArn, echo);
                default -> error(exchange, 400, "InvalidAction", "Could not find operation " + action, echo);
            }
        }
    }

    private void assumeRole(HttpExchange exchange, Map<String, String> params, String callerArn, String echo) throws IOException {
        String roleArn = params.getOrDefault("RoleArn", "");
        String session = params.getOrDefault("RoleSessionName", "");
        int duration = Integer.parseInt(params.getOrDefault("DurationSeconds", "3600"));
        if (!SESSION_NAME.matcher(session).matches()) {
            error(exchange, 400, "ValidationError", "1 validation error detected: Value '" + session
                    + "' at 'roleSessionName' failed to satisfy constraint", echo);
            return;
        }
        if (duration < 900 || duration > 43200) {
            error(exchange, 400, "ValidationError", "DurationSeconds must be between 900 and 43200", echo);
            return;
        }
        if (!trust.getOrDefault(roleArn, Set.of()).contains(callerArn)) {
            error(exchange, 403, "AccessDenied", "User: " + callerArn + " is not authorized to perform: sts:AssumeRole on resource: "
                    + roleArn, echo);
            return;
        }
        String keyId = "ASIA" + token(12).toUpperCase().replaceAll("[^A-Z0-9]", "X").substring(0, 16);
        String secret = token(30);
        String sessionToken = "IQoJb3JpZ2luX2VjE" + token(180);
        secrets.add(keyId);
        secrets.add(secret);
        secrets.add(sessionToken);
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        String assumedArn = "arn:aws:sts::" + account(roleArn) + ":assumed-role/" + roleName + "/" + session;
        issuedTo.put(keyId, assumedArn);
        Instant expiration = Instant.now().plus(lifetime).truncatedTo(ChronoUnit.MILLIS);
        ok(exchange, "AssumeRole", "<AssumedRoleUser><Arn>" + xml(assumedArn) + "</Arn><AssumedRoleId>AROAEXAMPLE:" + xml(session)
                + "</AssumedRoleId></AssumedRoleUser><Credentials><AccessKeyId>" + keyId + "</AccessKeyId><SecretAccessKey>" + secret
                + "</SecretAccessKey><SessionToken>" + sessionToken + "</SessionToken><Expiration>" + expiration
                + "</Expiration></Credentials><PackedPolicySize>6</PackedPolicySize>");
    }

    private static void ok(HttpExchange exchange, String action, String result) throws IOException {
        String xml = "<" + action + "Response xmlns=\"" + NAMESPACE + "\">\n  <" + action + "Result>" + result + "</" + action
                + "Result>\n  <ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>\n</" + action
                + "Response>\n";
        send(exchange, 200, xml);
    }

    private static void error(HttpExchange exchange, int status, String code, String message, String echo) throws IOException {
        String xml = "<ErrorResponse xmlns=\"" + NAMESPACE + "\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>" + code
                + "</Code>\n    <Message>" + xml(message + echo) + "</Message>\n  </Error>\n  <RequestId>" + UUID.randomUUID()
                + "</RequestId>\n</ErrorResponse>\n";
        send(exchange, status, xml);
    }

    private static void send(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(k, v);
        }
        return params;
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getEncoder().withoutPadding().encodeToString(b).replace('/', 'x').replace('+', 'y');
    }

    private static String account(String arn) {
        return arn.split(":")[4];
    }

    private static String name(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
