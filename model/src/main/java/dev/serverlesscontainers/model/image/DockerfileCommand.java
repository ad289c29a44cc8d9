package dev.serverlesscontainers.model.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code src/Dockerfile} runs: its stage's {@code ENTRYPOINT} and {@code CMD} combined as
 * Docker combines them, and the port it {@code EXPOSE}s. For scf-dev's process runtime, which runs an
 * app on this machine when nothing else says how to start it. Paths under the image's
 * {@code WORKDIR} become paths relative to {@code src}, which is what was copied there.
 *
 * @param command the program and its arguments ({@code sh -c TEXT} for the shell form)
 * @param port the first port the stage exposes, if any
 */
public record DockerfileCommand(List<String> command, OptionalInt port) {
    private static final Pattern FROM = Pattern.compile("(?i)^FROM\\s+\\S+(?:\\s+AS\\s+(\\S+))?\\s*$");
    private static final Pattern INSTRUCTION = Pattern.compile("^([A-Za-z]+)\\s+(.*)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The command of {@code src/Dockerfile}'s stage {@code target} (the last stage when empty); empty when it has none. */
    public static Optional<DockerfileCommand> read(Path src, Optional<String> target) {
        Path file = src.resolve("Dockerfile");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return parse(Files.readString(file), target);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<DockerfileCommand> parse(String dockerfile, Optional<String> target) {
        List<String> entrypoint = List.of();
        List<String> cmd = List.of();
        boolean shellEntrypoint = false;
        OptionalInt port = OptionalInt.empty();
        String workdir = "";
        boolean inTarget = target.isEmpty();
        for (String line : instructions(dockerfile)) {
            Matcher from = FROM.matcher(line);
            if (from.matches()) {
                boolean named = target.isPresent() && target.get().equalsIgnoreCase(from.group(1) == null ? "" : from.group(1));
                if (!inTarget || target.isEmpty() || named) {
                    entrypoint = List.of();
                    cmd = List.of();
                    port = OptionalInt.empty();
                    workdir = "";
                }
                if (target.isPresent()) {
                    if (inTarget && !named) {
                        break; // the target stage ended
                    }
                    inTarget = named;
                }
                continue;
            }
            Matcher m = INSTRUCTION.matcher(line);
            if (!inTarget || !m.matches()) {
                continue;
            }
            String args = m.group(2).trim();
            switch (m.group(1).toUpperCase(Locale.ROOT)) {
                case "ENTRYPOINT" -> {
                    entrypoint = words(args);
                    shellEntrypoint = !args.startsWith("[");
                    cmd = List.of(); // Docker drops an inherited CMD when ENTRYPOINT is set
                }
                case "CMD" -> cmd = words(args);
                case "EXPOSE" -> {
                    Matcher p = Pattern.compile("^(\\d{1,5})").matcher(args);
                    if (port.isEmpty() && p.find()) {
                        port = OptionalInt.of(Integer.parseInt(p.group(1)));
                    }
                }
                case "WORKDIR" -> workdir = args.startsWith("/") ? args : workdir + "/" + args;
                default -> {
                    // nothing else tells how the app starts
                }
            }
        }
        List<String> command = new ArrayList<>(entrypoint);
        if (!shellEntrypoint) {
            command.addAll(cmd);
        }
        if (command.isEmpty()) {
            return Optional.empty();
        }
        String base = workdir.replaceAll("/+$", "");
        List<String> local = command.stream().map(w -> base.isEmpty() || !w.startsWith(base + "/") ? w : w.substring(base.length() + 1))
                .toList();
        return Optional.of(new DockerfileCommand(local, port));
    }

    /** The exec form's words, or {@code sh -c} with the shell form's text. */
    private static List<String> words(String args) {
        if (args.startsWith("[")) {
            try {
                JsonNode array = JSON.readTree(args);
                List<String> out = new ArrayList<>();
                array.forEach(n -> out.add(n.asText()));
                return out;
            } catch (IOException e) {
                // Docker runs a malformed exec form as the shell form too
            }
        }
        return List.of("sh", "-c", args);
    }

    /** The file's instructions, continuation lines joined, comments and blank lines left out. */
    private static List<String> instructions(String dockerfile) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : dockerfile.lines().toList()) {
            String line = raw.strip();
            if (line.startsWith("#") || line.isEmpty() && current.length() == 0) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line.substring(0, line.length() - 1).strip()).append(' ');
                continue;
            }
            current.append(line);
            out.add(current.toString().trim());
            current.setLength(0);
        }
        if (current.length() > 0) {
            out.add(current.toString().trim());
        }
        return out;
    }
}
