package dev.serverlesscontainers.devmode.aws;

import dev.serverlesscontainers.model.naming.StackOutputNames;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.serverlesscontainers.model.Problem;
import dev.serverlesscontainers.model.yaml.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The role ARNs in a stack's outputs, as {@code pulumi stack output --json > FILE} writes them. The
 * component's {@code containers} output maps each container name to an object with {@code roleArn}
 * (and its URL, compute type, image); the program exports it either as an output of its own
 * ({@code containers}) or by exporting the whole component ({@code app.containers}). Both are found.
 *
 * <p>Read with a streaming parser so that every problem names its line and column.
 */
final class StackOutputs {
    static final String CONTAINERS = StackOutputNames.CONTAINERS;
    static final String ROLE_ARN = StackOutputNames.ROLE_ARN;
    /** What {@code pulumi stack output --json} prints for a secret unless asked to show secrets. */
    static final String SECRET_PLACEHOLDER = "[secret]";
    static final long MAX_BYTES = 16L * 1024 * 1024;

    /** A role ARN and where it was written. */
    record RoleArn(String arn, Location location, String path) {}

    private final Path file;
    private final Map<String, RoleArn> roles;

    private StackOutputs(Path file, Map<String, RoleArn> roles) {
        this.file = file;
        this.roles = roles;
    }

    Path file() {
        return file;
    }

    Optional<RoleArn> role(String container) {
        return Optional.ofNullable(roles.get(container));
    }

    static StackOutputs read(Path file) throws AwsSetupException {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new AwsSetupException("--stack-outputs " + file + ": larger than " + MAX_BYTES / (1024 * 1024)
                        + " MB; expected the JSON that `pulumi stack output --json` prints");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new AwsSetupException("--stack-outputs " + file + ": no such file (write it with "
                    + "`pulumi stack output --json --stack STAGE > " + file + "`)");
        } catch (IOException e) {
            throw new AwsSetupException("--stack-outputs " + file + ": cannot be read (" + e.getMessage() + ")");
        }
        return parse(file, text);
    }

    static StackOutputs parse(Path file, String text) throws AwsSetupException {
        List<Problem> problems = new ArrayList<>();
        Map<String, RoleArn> roles = new LinkedHashMap<>();
        String name = file.toString();
        try (JsonParser p = new JsonFactory().createParser(text)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new AwsSetupException(problem(name, p, "", "expected a JSON object of stack outputs, as "
                        + "`pulumi stack output --json` prints (got " + describe(first, p) + ")").toString());
            }
            Map<String, Object> tree = readObject(p);
            if (p.nextToken() != null) {
                problems.add(problem(name, p, "", "unexpected content after the outputs object"));
            }
            Located containers = find(tree);
            if (containers == null) {
                throw new AwsSetupException(new Problem(Problem.Severity.ERROR, name, Location.FILE, "",
                        "no `containers` output (expected the ServerlessContainers component's `containers` output, "
                                + "exported as `containers` or inside an exported component; outputs found: "
                                + (tree.isEmpty() ? "none" : String.join(", ", tree.keySet())) + ")").toString());
            }
            readRoles(name, containers, problems, roles);
        } catch (JsonParseException e) {
            JsonLocation l = e.getLocation();
            problems.add(new Problem(Problem.Severity.ERROR, name, l == null ? Location.FILE : new Location(l.getLineNr(), l.getColumnNr()),
                    "", "not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(new Problem(Problem.Severity.ERROR, name, Location.FILE, "", "cannot be read: " + e.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new AwsSetupException(problems.stream().map(Problem::toString).toList());
        }
        return new StackOutputs(file, roles);
    }

    /** A JSON value with where it started; objects are maps of these. */
    private record Located(Object value, Location location, String path) {}

    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        return readObject(p, "");
    }

    private static Map<String, Object> readObject(JsonParser p, String path) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            String childPath = path.isEmpty() ? key : path + "." + key;
            JsonToken t = p.nextToken();
            Location at = here(p);
            Object value;
            if (t == JsonToken.START_OBJECT) {
                value = readObject(p, childPath);
            } else if (t == JsonToken.START_ARRAY) {
                p.skipChildren();
                value = List.of();
            } else if (t == JsonToken.VALUE_STRING) {
                value = p.getText();
            } else if (t == JsonToken.VALUE_NULL) {
                value = null;
            } else {
                value = p.getText();
            }
            map.put(key, new Located(value, at, childPath));
        }
        return map;
    }

    /** {@code containers} at the top, else inside exactly one exported object (an exported component). */
    private static Located find(Map<String, Object> outputs) {
        if (outputs.get(CONTAINERS) instanceof Located top) {
            return top;
        }
        for (Object o : outputs.values()) {
            if (o instanceof Located l && l.value() instanceof Map<?, ?> inner && inner.get(CONTAINERS) instanceof Located nested) {
                return nested;
            }
        }
        return null;
    }

    private static void readRoles(String file, Located containers, List<Problem> problems, Map<String, RoleArn> roles) {
        if (SECRET_PLACEHOLDER.equals(containers.value())) {
            problems.add(located(file, containers, "the output is a secret, so the file holds " + SECRET_PLACEHOLDER
                    + " instead of the role ARNs (write it with `pulumi stack output --json --show-secrets`)"));
            return;
        }
        if (!(containers.value() instanceof Map<?, ?> map)) {
            problems.add(located(file, containers, "expected an object mapping container names to their outputs (got "
                    + shown(containers.value()) + ")"));
            return;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Located entry = (Located) e.getValue();
            if (!(entry.value() instanceof Map<?, ?> fields)) {
                problems.add(located(file, entry, "expected an object with roleArn (got " + shown(entry.value()) + ")"));
                continue;
            }
            Object arn = fields.get(ROLE_ARN);
            if (!(arn instanceof Located located)) {
                problems.add(located(file, entry, "no roleArn (keys: " + String.join(", ", fields.keySet().stream().map(String::valueOf).toList())
                        + ")"));
                continue;
            }
            if (!(located.value() instanceof String s) || !RoleArns.isRoleArn(s)) {
                problems.add(located(file, located, "expected an IAM role ARN such as arn:aws:iam::123456789012:role/NAME (got "
                        + shown(located.value()) + ")"));
                continue;
            }
            roles.put(String.valueOf(e.getKey()), new RoleArn(s, located.location(), located.path()));
        }
    }

    private static Problem located(String file, Located at, String message) {
        return new Problem(Problem.Severity.ERROR, file, at.location(), at.path(), message);
    }

    private static Problem problem(String file, JsonParser p, String path, String message) {
        return new Problem(Problem.Severity.ERROR, file, here(p), path, message);
    }

    private static Location here(JsonParser p) {
        JsonLocation l = p.currentTokenLocation();
        return l == null || l.getLineNr() < 1 ? Location.FILE : new Location(l.getLineNr(), l.getColumnNr());
    }

    private static String describe(JsonToken t, JsonParser p) throws IOException {
        if (t == null) {
            return "an empty file";
        }
        return t == JsonToken.START_ARRAY ? "a list" : p.getText();
    }

    private static String shown(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        String s = value.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
