package dev.serverlesscontainers.devmode.aws;

import dev.serverlesscontainers.model.naming.StackOutputNames;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesscontainers.model.load.Problem;
import dev.serverlesscontainers.model.yaml.LocatedYamlReader;
import dev.serverlesscontainers.model.yaml.Location;
import dev.serverlesscontainers.model.yaml.YNode;
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
 * <p>JSON is YAML: read with the config's located reader, so that every problem names its line and
 * column, after a strict JSON check.
 */
final class StackOutputs {
    static final String CONTAINERS = StackOutputNames.CONTAINERS;
    static final String ROLE_ARN = StackOutputNames.ROLE_ARN;
    /** What {@code pulumi stack output --json} prints for a secret unless asked to show secrets. */
    static final String SECRET_PLACEHOLDER = "[secret]";
    static final long MAX_BYTES = 16L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

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
        String name = file.toString();
        if (text.isBlank()) {
            throw new AwsSetupException(new Problem(Problem.Severity.ERROR, name, new Location(1, 1), "",
                    EXPECTED_OBJECT + " (got an empty file)").toString());
        }
        // strictly JSON first, as Pulumi writes it: the YAML reader below would take a trailing comma or a comment
        try {
            JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new AwsSetupException(new Problem(Problem.Severity.ERROR, name,
                    l == null || l.getLineNr() < 1 ? Location.FILE : new Location(l.getLineNr(), l.getColumnNr()),
                    "", "not valid JSON: " + e.getOriginalMessage()).toString());
        }
        // JSON is YAML: the config's located reader gives every value its line and column
        LocatedYamlReader.Result read = LocatedYamlReader.read(text);
        List<Problem> problems = new ArrayList<>();
        read.problems().forEach(p -> problems.add(new Problem(Problem.Severity.ERROR, name, p.location(), p.path(), p.message())));
        Map<String, RoleArn> roles = new LinkedHashMap<>();
        if (read.root().isPresent()) {
            if (!(read.root().get() instanceof YNode.YMap outputs)) {
                YNode root = read.root().get();
                throw new AwsSetupException(new Problem(Problem.Severity.ERROR, name, root.location(), "",
                        EXPECTED_OBJECT + " (got " + shown(root) + ")").toString());
            }
            Found containers = find(outputs);
            if (containers == null) {
                throw new AwsSetupException(new Problem(Problem.Severity.ERROR, name, Location.FILE, "",
                        "no `containers` output (expected the ServerlessContainers component's `containers` output, "
                                + "exported as `containers` or inside an exported component; outputs found: "
                                + (outputs.entries().isEmpty() ? "none" : String.join(", ", outputs.entries().keySet())) + ")").toString());
            }
            readRoles(name, containers, problems, roles);
        }
        if (!problems.isEmpty()) {
            throw new AwsSetupException(problems.stream().map(Problem::toString).toList());
        }
        return new StackOutputs(file, roles);
    }

    private static final String EXPECTED_OBJECT = "expected a JSON object of stack outputs, as `pulumi stack output --json` prints";

    /** The {@code containers} output and its path among the outputs, for messages. */
    private record Found(YNode value, String path) {}

    /** {@code containers} at the top, else inside exactly one exported object (an exported component). */
    private static Found find(YNode.YMap outputs) {
        if (outputs.get(CONTAINERS) != null) {
            return new Found(outputs.get(CONTAINERS), CONTAINERS);
        }
        for (YNode.YEntry e : outputs.entries().values()) {
            if (e.value() instanceof YNode.YMap inner && inner.get(CONTAINERS) != null) {
                return new Found(inner.get(CONTAINERS), e.key() + "." + CONTAINERS);
            }
        }
        return null;
    }

    private static void readRoles(String file, Found containers, List<Problem> problems, Map<String, RoleArn> roles) {
        YNode value = containers.value();
        if (value instanceof YNode.YScalar scalar && SECRET_PLACEHOLDER.equals(scalar.value())) {
            problems.add(located(file, value, containers.path(), "the output is a secret, so the file holds " + SECRET_PLACEHOLDER
                    + " instead of the role ARNs (write it with `pulumi stack output --json --show-secrets`)"));
            return;
        }
        if (!(value instanceof YNode.YMap map)) {
            problems.add(located(file, value, containers.path(), "expected an object mapping container names to their outputs (got "
                    + shown(value) + ")"));
            return;
        }
        for (YNode.YEntry e : map.entries().values()) {
            String path = containers.path() + "." + e.key();
            if (!(e.value() instanceof YNode.YMap fields)) {
                problems.add(located(file, e.value(), path, "expected an object with roleArn (got " + shown(e.value()) + ")"));
                continue;
            }
            YNode arn = fields.get(ROLE_ARN);
            String arnPath = path + "." + ROLE_ARN;
            if (arn == null) {
                problems.add(located(file, e.value(), path, "no roleArn (keys: " + String.join(", ", fields.entries().keySet()) + ")"));
                continue;
            }
            if (!(arn instanceof YNode.YScalar scalar) || !(scalar.value() instanceof String s) || !RoleArns.isRoleArn(s)) {
                problems.add(located(file, arn, arnPath, "expected an IAM role ARN such as arn:aws:iam::123456789012:role/NAME (got "
                        + shown(arn) + ")"));
                continue;
            }
            roles.put(e.key(), new RoleArn(s, arn.location(), arnPath));
        }
    }

    private static Problem located(String file, YNode at, String path, String message) {
        return new Problem(Problem.Severity.ERROR, file, at.location(), path, message);
    }

    private static String shown(YNode node) {
        if (node instanceof YNode.YMap) {
            return "an object";
        }
        if (node instanceof YNode.YSeq) {
            return "a list";
        }
        String s = ((YNode.YScalar) node).text();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
