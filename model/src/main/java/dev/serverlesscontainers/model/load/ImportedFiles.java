package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.config.Defaults;

import dev.serverlesscontainers.model.yaml.LocatedYamlReader;
import dev.serverlesscontainers.model.yaml.Location;
import dev.serverlesscontainers.model.yaml.YNode;
import dev.serverlesscontainers.model.yaml.YNode.YMap;
import dev.serverlesscontainers.model.yaml.YNode.YScalar;
import dev.serverlesscontainers.model.yaml.YNode.YSeq;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The YAML and JSON files {@code ${file(...)}} reads, each read once per load. Their nodes take the
 * location of the variable that first read them: every message about a value from such a file points
 * at the line of this configuration that brought it in.
 */
final class ImportedFiles {
    private static final Pattern REFERENCE = Pattern.compile("^file\\((.*?)\\)\\s*(?::(.*))?$");
    private static final int MAX_FILES = 100;

    private final Path projectDir;
    private final Map<Path, YNode> read = new HashMap<>();
    private final Set<Path> named;

    /** @param named where every file a variable names is added, before it is read: one that is absent or broken too */
    ImportedFiles(Path projectDir, Set<Path> named) {
        this.projectDir = projectDir;
        this.named = named;
    }

    /** {@code file(./x.yml):a.b} taken apart; the file as written (quotes removed), the address possibly empty. */
    record Reference(String file, String address) {
        static Reference parse(String reference) {
            Matcher m = REFERENCE.matcher(reference);
            if (!m.matches() || m.group(1).isBlank()) {
                return null;
            }
            String file = m.group(1).trim();
            if (file.length() >= 2 && (file.startsWith("'") && file.endsWith("'") || file.startsWith("\"") && file.endsWith("\""))) {
                file = file.substring(1, file.length() - 1);
            }
            return new Reference(file, m.group(2) == null ? "" : m.group(2).trim());
        }
    }

    /** Why a file cannot be used; the message names it. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    YNode read(String given, Location referencedAt) throws Unreadable {
        if (given.matches(".*\\.(js|cjs|mjs|ts)$")) {
            throw new Unreadable("JavaScript and TypeScript files are not supported; use a .yml, .yaml or .json file");
        }
        Path file = projectDir.resolve(given).toAbsolutePath().normalize();
        named.add(file);
        YNode cached = read.get(file);
        if (cached != null) {
            return cached;
        }
        if (read.size() >= MAX_FILES) {
            throw new Unreadable("more than " + MAX_FILES + " files read through ${file()}");
        }
        if (!Files.isRegularFile(file)) {
            throw new Unreadable("no such file " + given + " (looked for " + file + ")");
        }
        String text;
        try {
            if (Files.size(file) > Defaults.MAX_CONFIG_BYTES) {
                throw new Unreadable(given + " is larger than " + Defaults.MAX_CONFIG_BYTES + " bytes (1 MiB)");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Unreadable("cannot read " + given + " (" + e.getMessage() + ")");
        }
        LocatedYamlReader.Result parsed = LocatedYamlReader.read(text);
        if (!parsed.problems().isEmpty()) {
            var first = parsed.problems().get(0);
            throw new Unreadable(given + ":" + first.location().line() + ":" + first.location().column() + ": " + first.message());
        }
        YNode content = relocated(parsed.root().orElse(new YScalar(referencedAt, null)), referencedAt, new IdentityHashMap<>());
        read.put(file, content);
        return content;
    }

    private static YNode relocated(YNode node, Location at, Map<YNode, YNode> done) {
        YNode seen = done.get(node);
        if (seen != null) {
            return seen;
        }
        YNode out;
        if (node instanceof YMap map) {
            Map<String, YNode.YEntry> entries = new LinkedHashMap<>();
            map.entries().values().forEach(e -> entries.put(e.key(), new YNode.YEntry(e.key(), at, relocated(e.value(), at, done))));
            out = new YMap(at, entries);
        } else if (node instanceof YSeq seq) {
            List<YNode> items = new ArrayList<>();
            seq.items().forEach(i -> items.add(relocated(i, at, done)));
            out = new YSeq(at, items);
        } else {
            out = new YScalar(at, ((YScalar) node).value());
        }
        done.put(node, out);
        return out;
    }
}
