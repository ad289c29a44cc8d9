package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.yaml.Location;
import dev.serverlesscontainers.model.yaml.YNode;
import dev.serverlesscontainers.model.yaml.YNode.YMap;
import dev.serverlesscontainers.model.yaml.YNode.YScalar;
import dev.serverlesscontainers.model.yaml.YNode.YSeq;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Substitutes Serverless Framework variables in a parsed file: {@code ${env:NAME}},
 * {@code ${env:NAME, default}}, {@code ${param:NAME}}, {@code ${sls:stage}}, {@code ${stage}},
 * {@code ${opt:stage}}, {@code ${opt:NAME}}, {@code ${self:path.to.key}}, {@code ${file(./x.yml)}} and
 * {@code ${file(./x.yml):path.to.key}}, and the AWS ones {@code ${aws:region}}, {@code ${aws:accountId}},
 * {@code ${ssm:/name}} and {@code ${aws:ssm:/name}} (through the caller's {@link AwsLookup}), nested and
 * inside longer strings.
 *
 * <p>A value that is exactly one variable takes the type of what it refers to (a number stays a
 * number, a {@code self:} reference to a map is that map); variables inside longer strings must
 * resolve to scalars. A variable that cannot be resolved, and a cycle, are problems located at the
 * string that holds them; such nodes are remembered so the binder does not report them a second time.
 */
final class VariableResolver {

    private static final List<String> UNSUPPORTED_SERVERLESS_SOURCES =
            List.of("s3", "cf", "vault", "terraform", "git", "doppler", "strToBool", "sls:instanceId");
    private static final String KNOWN = "env, param, self, opt, file, aws, ssm, sls or stage";

    private final YMap root;
    private final String stage;
    private final Map<String, String> env;
    private final Map<String, String> options;
    private final AwsLookup aws;
    private final ImportedFiles files;
    private final Problems problems;
    private final Map<YNode, YNode> resolved = new IdentityHashMap<>();
    private final Deque<String> inProgressPaths = new ArrayDeque<>();
    private final Set<YNode> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<YNode> failed = Collections.newSetFromMap(new IdentityHashMap<>());

    /** @param namedFiles where each file {@code ${file()}} names is added */
    VariableResolver(YMap root, String stage, VariableSources sources, Path projectDir, Set<Path> namedFiles, Problems problems) {
        this.root = root;
        this.stage = stage;
        this.env = sources.environment();
        this.options = sources.options();
        this.aws = sources.aws();
        this.files = new ImportedFiles(projectDir, namedFiles);
        this.problems = problems;
    }

    /** True for a node whose variables could not be resolved (already reported). */
    boolean failed(YNode node) {
        return failed.contains(node);
    }

    /** The node with every variable inside it substituted. {@code path} names it in messages. */
    YNode resolve(YNode node, String path) {
        if (node == null) {
            return null;
        }
        YNode done = resolved.get(node);
        if (done != null) {
            return done;
        }
        if (inProgress.contains(node)) {
            List<String> chain = new ArrayList<>(inProgressPaths);
            Collections.reverse(chain);
            int start = Math.max(0, chain.indexOf(path));
            String cycle = String.join(" -> ", chain.subList(start, chain.size())) + " -> " + path;
            problems.error(node, path, "variable cycle: " + cycle);
            YNode placeholder = new YScalar(node.location(), null);
            failed.add(placeholder);
            return placeholder;
        }
        inProgress.add(node);
        inProgressPaths.push(path);
        try {
            YNode out;
            if (node instanceof YMap map) {
                out = resolveMap(map, path);
            } else if (node instanceof YSeq seq) {
                out = resolveSeq(seq, path);
            } else {
                out = resolveScalar((YScalar) node, path);
            }
            resolved.put(node, out);
            return out;
        } finally {
            inProgressPaths.pop();
            inProgress.remove(node);
        }
    }

    private YNode resolveMap(YMap map, String path) {
        Map<String, YNode.YEntry> entries = new LinkedHashMap<>();
        boolean changed = false;
        for (YNode.YEntry e : map.entries().values()) {
            YNode v = resolve(e.value(), join(path, e.key()));
            changed |= v != e.value();
            entries.put(e.key(), new YNode.YEntry(e.key(), e.keyLocation(), v));
        }
        return changed ? new YMap(map.location(), entries) : map;
    }

    private YNode resolveSeq(YSeq seq, String path) {
        List<YNode> items = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < seq.items().size(); i++) {
            YNode item = seq.items().get(i);
            YNode v = resolve(item, path + "[" + i + "]");
            changed |= v != item;
            items.add(v);
        }
        return changed ? new YSeq(seq.location(), items) : seq;
    }

    private YNode resolveScalar(YScalar scalar, String path) {
        if (!(scalar.value() instanceof String text) || !text.contains("${")) {
            return scalar;
        }
        try {
            return interpolate(text, scalar.location(), path);
        } catch (Unresolvable e) {
            problems.error(scalar, path, e.getMessage());
            YNode placeholder = new YScalar(scalar.location(), null);
            failed.add(placeholder);
            return placeholder;
        }
    }

    /** A variable that cannot be resolved; the message says which and why. */
    private static final class Unresolvable extends Exception {
        private static final long serialVersionUID = 1L;

        Unresolvable(String message) {
            super(message, null, false, false);
        }
    }

    /** Resolves every {@code ${...}} in {@code text}; one whole-string variable keeps its type. */
    private YNode interpolate(String text, Location location, String path) throws Unresolvable {
        List<Object> parts;
        try {
            parts = VariableSyntax.split(text);
        } catch (VariableSyntax.Unclosed e) {
            throw new Unresolvable(e.getMessage());
        }
        if (parts.size() == 1 && parts.get(0) instanceof VariableSyntax.Expression only) {
            return evaluate(only, location, path);
        }
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof VariableSyntax.Expression expr) {
                YNode value = evaluate(expr, location, path);
                if (!(value instanceof YScalar s)) {
                    throw new Unresolvable("${" + expr.body() + "} is " + value.describe()
                            + "; only a text, number or boolean can be placed inside a longer string");
                }
                if (s.isNull()) {
                    throw new Unresolvable("${" + expr.body() + "} resolves to null inside a longer string");
                }
                out.append(s.text());
            } else {
                out.append((String) part);
            }
        }
        return new YScalar(location, out.toString());
    }

    private YNode evaluate(VariableSyntax.Expression expr, Location location, String path) throws Unresolvable {
        String reference = expr.reference();
        String fallback = expr.fallback().orElse(null);
        if (reference.contains("${")) {
            YNode inner = interpolate(reference, location, path);
            reference = ((YScalar) inner).text();
        }
        YNode value = lookup(reference, location, path, fallback != null);
        if (value != null) {
            return value;
        }
        if (fallback == null) {
            throw new IllegalStateException("lookup returned nothing without a default for " + reference);
        }
        return defaultValue(fallback, location, path);
    }

    private YNode defaultValue(String fallback, Location location, String path) throws Unresolvable {
        if (fallback.length() >= 2 && (fallback.startsWith("'") && fallback.endsWith("'")
                || fallback.startsWith("\"") && fallback.endsWith("\""))) {
            return new YScalar(location, fallback.substring(1, fallback.length() - 1));
        }
        if (fallback.contains("${")) {
            return interpolate(fallback, location, path);
        }
        if (fallback.equals("null")) {
            return new YScalar(location, null);
        }
        if (fallback.equals("true") || fallback.equals("false")) {
            return new YScalar(location, Boolean.valueOf(fallback));
        }
        if (fallback.matches("-?\\d{1,18}")) {
            return new YScalar(location, Long.valueOf(fallback));
        }
        return new YScalar(location, fallback);
    }

    /**
     * The value a reference names, or null when it names nothing and {@code hasDefault} (the caller
     * then uses the default); without a default, a missing value is an {@link Unresolvable}.
     */
    private YNode lookup(String reference, Location location, String path, boolean hasDefault) throws Unresolvable {
        if (reference.equals("stage") || reference.equals("sls:stage") || reference.equals("opt:stage")) {
            return new YScalar(location, stage);
        }
        if (reference.startsWith("file(")) {
            return file(reference, location, path, hasDefault);
        }
        int colon = reference.indexOf(':');
        if (colon < 0) {
            throw new Unresolvable("unknown variable ${" + reference + "} (expected " + KNOWN + ")");
        }
        String source = reference.substring(0, colon).trim();
        String address = reference.substring(colon + 1).trim();
        switch (source) {
            case "env" -> {
                String v = env.get(address);
                return orDefault(v == null ? null : new YScalar(location, v), hasDefault, () -> "environment variable " + address
                        + " is not set (set it, put it in a .env file beside this one, or give a default: ${env:" + address + ", value})");
            }
            case "param" -> {
                return orDefault(param(address), hasDefault, () -> "parameter '" + address + "' is not defined for stage '" + stage
                        + "' (define it under stages." + stage + ".params or stages.default.params)");
            }
            case "self" -> {
                YNode target = self(address);
                return orDefault(target == null ? null : resolve(target, address), hasDefault,
                        () -> "${self:" + address + "} refers to nothing: there is no " + address + " in this file");
            }
            case "opt" -> {
                String v = options.get(address);
                return orDefault(v == null ? null : new YScalar(location, v), hasDefault,
                        () -> "option --" + address + " was not given (give it, or a default: ${opt:" + address + ", value})");
            }
            case "aws" -> {
                return awsValue(address, location, hasDefault);
            }
            case "ssm" -> {
                return ssm(address, location, hasDefault);
            }
            case "sls" -> throw new Unresolvable("unknown variable ${" + reference + "} (only sls:stage is available)");
            default -> {
                if (UNSUPPORTED_SERVERLESS_SOURCES.contains(source) || UNSUPPORTED_SERVERLESS_SOURCES.contains(reference)) {
                    throw new Unresolvable("variable source '" + source + "' is not supported; resolve the value before "
                            + "deploying and pass it in with ${env:NAME}");
                }
                throw new Unresolvable("unknown variable source '" + source + "' in ${" + reference + "} (expected " + KNOWN + ")");
            }
        }
    }

    /** {@code found}; else null when there is a default to take, else the problem {@code missing} describes. */
    private static YNode orDefault(YNode found, boolean hasDefault, Supplier<String> missing) throws Unresolvable {
        if (found != null || hasDefault) {
            return found;
        }
        throw new Unresolvable(missing.get());
    }

    private YNode awsValue(String address, Location location, boolean hasDefault) throws Unresolvable {
        try {
            return switch (address) {
                case "region" -> new YScalar(location, aws.region());
                case "accountId" -> new YScalar(location, aws.accountId());
                default -> {
                    if (address.startsWith("ssm:")) {
                        yield ssm(address.substring("ssm:".length()).trim(), location, hasDefault);
                    }
                    throw new Unresolvable("unknown variable ${aws:" + address + "} (expected aws:region, aws:accountId or aws:ssm:/name)");
                }
            };
        } catch (AwsLookup.Unavailable e) {
            throw new Unresolvable("${aws:" + address + "} cannot be resolved: " + e.getMessage());
        }
    }

    private YNode ssm(String address, Location location, boolean hasDefault) throws Unresolvable {
        // Serverless Framework v1 wrote ~true to ask for decryption; every parameter is decrypted now
        String name = address.replaceFirst("~(true|false)$", "");
        if (!name.matches("^(/[A-Za-z0-9_.\\-]+)+$|^[A-Za-z0-9_.\\-]+$|^arn:aws[a-z-]*:ssm:.+$")) {
            throw new Unresolvable("not an SSM parameter name: " + name + " (expected ${ssm:/path/to/name})");
        }
        try {
            Optional<String> value = aws.ssmParameter(name);
            if (value.isPresent()) {
                return new YScalar(location, value.get());
            }
        } catch (AwsLookup.Unavailable e) {
            throw new Unresolvable("${ssm:" + name + "} cannot be resolved: " + e.getMessage());
        }
        if (hasDefault) {
            return null;
        }
        throw new Unresolvable("there is no SSM parameter " + name + " (create it, or give a default: ${ssm:" + name + ", value})");
    }

    /** {@code file(./x.yml)} or {@code file(./x.yml):path.to.key}: a document or a part of it, its variables resolved here. */
    private YNode file(String reference, Location location, String path, boolean hasDefault) throws Unresolvable {
        ImportedFiles.Reference ref = ImportedFiles.Reference.parse(reference);
        if (ref == null) {
            throw new Unresolvable("expected ${file(./name.yml)} or ${file(./name.yml):path.to.key} (got ${" + reference + "})");
        }
        YNode content;
        try {
            content = files.read(ref.file(), location);
        } catch (ImportedFiles.Unreadable e) {
            throw new Unresolvable("${" + reference + "}: " + e.getMessage());
        }
        if (ref.address().isEmpty()) {
            return resolve(content, path);
        }
        YNode target = at(content, List.of(ref.address().split("\\.", -1)));
        if (target != null) {
            return resolve(target, path);
        }
        if (hasDefault) {
            return null;
        }
        throw new Unresolvable("${" + reference + "}: " + ref.file() + " has no " + ref.address());
    }

    private YNode param(String name) {
        for (String stageKey : List.of(stage, "default")) {
            YNode params = at(root, List.of("stages", stageKey, "params"));
            if (params instanceof YMap map && map.get(name) != null) {
                return resolve(map.get(name), "stages." + stageKey + ".params." + name);
            }
        }
        return null;
    }

    private YNode self(String address) {
        if (address.isEmpty()) {
            return root;
        }
        return at(root, List.of(address.split("\\.", -1)));
    }

    private static YNode at(YNode from, List<String> segments) {
        YNode node = from;
        for (String segment : segments) {
            if (node instanceof YMap map) {
                node = map.get(segment);
            } else if (node instanceof YSeq seq && segment.matches("\\d+") && Integer.parseInt(segment) < seq.items().size()) {
                node = seq.items().get(Integer.parseInt(segment));
            } else {
                return null;
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
