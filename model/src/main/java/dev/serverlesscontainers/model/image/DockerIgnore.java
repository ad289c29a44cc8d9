package dev.serverlesscontainers.model.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code .dockerignore} rules: patterns relative to the context root, {@code *} within a path
 * segment, {@code **} across segments, {@code ?} one character, {@code !} to re-include; the last
 * matching rule wins, and a pattern that matches a folder excludes what is inside it.
 */
public final class DockerIgnore {
    private record Rule(Pattern pattern, boolean include) {}

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static DockerIgnore none() {
        return new DockerIgnore(List.of());
    }

    /** The context's {@code .dockerignore}, or no rules when it has none. */
    public static DockerIgnore of(Path context) {
        Path file = context.resolve(".dockerignore");
        if (!Files.isRegularFile(file)) {
            return none();
        }
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Rules that leave out these folder names wherever they are (for generated builds). */
    public static DockerIgnore folders(List<String> names) {
        List<String> lines = new ArrayList<>();
        names.forEach(n -> lines.add("**/" + n));
        return parse(lines);
    }

    public static DockerIgnore parse(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean include = line.startsWith("!");
            if (include) {
                line = line.substring(1).trim();
            }
            while (line.startsWith("/")) {
                line = line.substring(1);
            }
            if (line.startsWith("./")) {
                line = line.substring(2);
            }
            while (line.endsWith("/") && line.length() > 1) {
                line = line.substring(0, line.length() - 1);
            }
            if (!line.isEmpty()) {
                rules.add(new Rule(Pattern.compile(toRegex(line)), include));
            }
        }
        return new DockerIgnore(rules);
    }

    /** Whether a file (path relative to the context, with /) is left out. */
    public boolean excludes(String relativePath) {
        boolean excluded = false;
        String[] parts = relativePath.split("/");
        for (Rule r : rules) {
            // a rule matches the path itself or any folder above it
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    prefix.append('/');
                }
                prefix.append(parts[i]);
                if (r.pattern.matcher(prefix).matches()) {
                    excluded = !r.include;
                    break;
                }
            }
        }
        return excluded;
    }

    /**
     * Whether a whole folder can be skipped: it is excluded and no re-include rule could bring back
     * something inside it.
     */
    boolean excludesDirectory(String relativePath) {
        return excludes(relativePath) && rules.stream().noneMatch(Rule::include);
    }

    private static String toRegex(String glob) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                i++;
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                    i++;
                    b.append("(?:.*/)?");
                } else {
                    b.append(".*");
                }
            } else if (c == '*') {
                b.append("[^/]*");
            } else if (c == '?') {
                b.append("[^/]");
            } else if ("\\.[]{}()+-^$|".indexOf(c) >= 0) {
                b.append('\\').append(c);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
