package dev.serverlesscontainers.model.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads one YAML document into a {@link YNode} tree whose every node knows its line and column.
 *
 * <p>Built on Jackson's streaming YAML parser rather than its tree model, because the tree model
 * forgets locations and silently keeps the last of duplicate keys. Aliases are resolved here: an alias
 * shares the anchored node, and the size the document would have if every alias were copied is
 * counted, so a "billion laughs" document is refused before anything is expanded. Merge keys
 * ({@code <<: *base}) are supported, since configuration files use them to share settings.
 */
public final class LocatedYamlReader {

    /** The most nodes a document may have with every alias expanded. Real configs have a few hundred. */
    public static final int MAX_EXPANDED_NODES = 50_000;

    /** The deepest nesting accepted. */
    public static final int MAX_DEPTH = 64;

    private static final String MERGE_KEY = "<<";

    private final YAMLParser parser;
    private final List<YamlProblem> problems = new ArrayList<>();
    private final Map<String, YNode> anchors = new HashMap<>();
    private final Map<YNode, Long> expandedSizes = new IdentityHashMap<>();
    private long expandedTotal;
    private boolean bombRefused;

    private final String text;

    private LocatedYamlReader(YAMLParser parser, String text) {
        this.parser = parser;
        this.text = text;
    }

    /** The result: the root (empty when the text has no document or could not be read) and the problems. */
    public record Result(Optional<YNode> root, List<YamlProblem> problems) {}

    public static Result read(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // duplicates are found and reported here, with both places
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(Math.max(text.length() + 16, 1024));
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(options).build();
        try (YAMLParser parser = factory.createParser(text)) {
            LocatedYamlReader reader = new LocatedYamlReader(parser, text);
            return reader.readDocument();
        } catch (IOException e) {
            return new Result(Optional.empty(), List.of(syntaxProblem(e, text)));
        }
    }

    private Result readDocument() {
        try {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(new YamlProblem(Location.FILE, "", "the file is empty; expected a map with name and containers"));
                return new Result(Optional.empty(), problems);
            }
            YNode root = readNode(first, "", 0);
            if (root != null && !bombRefused) {
                JsonToken extra = parser.nextToken();
                if (extra != null) {
                    problems.add(new YamlProblem(here(), "", "expected one YAML document, found another after it (remove the second ---)"));
                }
            }
            return new Result(bombRefused ? Optional.empty() : Optional.ofNullable(root), problems);
        } catch (IOException e) {
            problems.add(syntaxProblem(e, text));
            return new Result(Optional.empty(), problems);
        }
    }

    private YNode readNode(JsonToken token, String path, int depth) throws IOException {
        Location location = here();
        if (depth > MAX_DEPTH) {
            problems.add(new YamlProblem(location, path, "nesting deeper than " + MAX_DEPTH + " levels"));
            bombRefused = true;
            return null;
        }
        String anchor = parser.getObjectId();
        String tag = parser.getTypeId();
        if (tag != null && !tag.startsWith("tag:yaml.org,2002:") && !tag.equals("!")) {
            String shown = tag.startsWith("!") ? tag : "!" + tag;
            problems.add(new YamlProblem(location, path, "YAML tags are not supported (got " + shown + ")"));
        }
        YNode node;
        switch (token) {
            case START_OBJECT -> node = readMap(location, path, depth);
            case START_ARRAY -> node = readSeq(location, path, depth);
            case VALUE_STRING -> {
                if (parser.isCurrentAlias()) {
                    return resolveAlias(parser.getText(), location, path);
                }
                node = new YNode.YScalar(location, parser.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> node = new YNode.YScalar(location, parser.getNumberValue());
            case VALUE_TRUE -> node = new YNode.YScalar(location, Boolean.TRUE);
            case VALUE_FALSE -> node = new YNode.YScalar(location, Boolean.FALSE);
            case VALUE_NULL -> node = new YNode.YScalar(location, null);
            case VALUE_EMBEDDED_OBJECT -> node = new YNode.YScalar(location, String.valueOf(parser.getEmbeddedObject()));
            default -> throw new IllegalStateException("unexpected YAML token " + token + " at " + location);
        }
        if (node == null) {
            return null;
        }
        long size = sizeOf(node);
        expandedSizes.put(node, size);
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private YNode readMap(Location location, String path, int depth) throws IOException {
        Map<String, YNode.YEntry> entries = new LinkedHashMap<>();
        List<YNode.YEntry> merged = new ArrayList<>();
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Location keyLocation = here();
            String childPath = path.isEmpty() ? key : path + "." + key;
            JsonToken valueToken = parser.nextToken();
            YNode value = readNode(valueToken, childPath, depth + 1);
            if (bombRefused) {
                return null;
            }
            if (MERGE_KEY.equals(key)) {
                collectMerge(value, keyLocation, path, merged);
                continue;
            }
            YNode.YEntry previous = entries.get(key);
            if (previous != null) {
                problems.add(new YamlProblem(keyLocation, childPath, "duplicate key '" + key + "' (first set at line "
                        + previous.keyLocation().line() + ", column " + previous.keyLocation().column() + ")"));
                continue;
            }
            entries.put(key, new YNode.YEntry(key, keyLocation, value));
        }
        for (YNode.YEntry e : merged) {
            entries.putIfAbsent(e.key(), e); // keys written in the map itself win over merged ones
        }
        return new YNode.YMap(location, entries);
    }

    private void collectMerge(YNode value, Location keyLocation, String path, List<YNode.YEntry> into) {
        if (value instanceof YNode.YMap map) {
            into.addAll(map.entries().values());
        } else if (value instanceof YNode.YSeq seq && seq.items().stream().allMatch(i -> i instanceof YNode.YMap)) {
            for (YNode item : seq.items()) {
                for (YNode.YEntry e : ((YNode.YMap) item).entries().values()) {
                    if (into.stream().noneMatch(x -> x.key().equals(e.key()))) {
                        into.add(e);
                    }
                }
            }
        } else if (value != null) {
            problems.add(new YamlProblem(keyLocation, path.isEmpty() ? MERGE_KEY : path + "." + MERGE_KEY,
                    "a merge key (<<) takes a map or a list of maps (got " + value.describe() + ")"));
        }
    }

    private YNode readSeq(Location location, String path, int depth) throws IOException {
        List<YNode> items = new ArrayList<>();
        JsonToken t;
        int index = 0;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            YNode item = readNode(t, path + "[" + index + "]", depth + 1);
            if (bombRefused) {
                return null;
            }
            items.add(item);
            index++;
        }
        return new YNode.YSeq(location, items);
    }

    private YNode resolveAlias(String name, Location location, String path) {
        YNode target = anchors.get(name);
        if (target == null) {
            problems.add(new YamlProblem(location, path, "alias *" + name + " refers to no anchor &" + name + " defined before it"));
            return new YNode.YScalar(location, null);
        }
        expandedTotal += expandedSizes.getOrDefault(target, 1L);
        if (expandedTotal > MAX_EXPANDED_NODES) {
            problems.add(new YamlProblem(location, path, "alias *" + name + " would expand the document past "
                    + MAX_EXPANDED_NODES + " nodes; refusing to expand it (a \"billion laughs\" document?)"));
            bombRefused = true;
            return null;
        }
        return target;
    }

    private long sizeOf(YNode node) {
        long size = 1;
        if (node instanceof YNode.YMap map) {
            for (YNode.YEntry e : map.entries().values()) {
                size += expandedSizes.getOrDefault(e.value(), 1L);
            }
        } else if (node instanceof YNode.YSeq seq) {
            for (YNode item : seq.items()) {
                size += expandedSizes.getOrDefault(item, 1L);
            }
        }
        if (!(node instanceof YNode.YScalar)) {
            expandedTotal += 1;
        }
        return size;
    }

    private Location here() {
        JsonLocation l = parser.currentTokenLocation();
        return l == null || l.getLineNr() < 1 ? Location.FILE : new Location(l.getLineNr(), l.getColumnNr());
    }

    private static YamlProblem syntaxProblem(IOException e, String text) {
        Throwable cause = e.getCause();
        if (cause instanceof ReaderException unreadable) {
            // a character YAML does not allow (a NUL, say): SnakeYAML gives its position in code points
            return new YamlProblem(locationOfCodePoint(text, unreadable.getPosition()), "", String.format(Locale.ROOT,
                    "the character U+%04X is not allowed in YAML (remove it, or write it as an escape in a double-quoted string)",
                    unreadable.getCodePoint()));
        }
        if (cause instanceof MarkedYAMLException marked) {
            Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
            Location location = mark == null ? Location.FILE : new Location(mark.getLine() + 1, mark.getColumn() + 1);
            StringBuilder message = new StringBuilder("YAML syntax error: ");
            String problem = marked.getProblem();
            message.append(problem == null ? "unreadable YAML" : problem.trim());
            if (marked.getContext() != null && marked.getContextMark() != null && marked.getProblemMark() != null
                    && marked.getContextMark().getLine() != marked.getProblemMark().getLine()) {
                message.append(" (").append(marked.getContext().trim()).append(" at line ")
                        .append(marked.getContextMark().getLine() + 1).append(")");
            }
            return new YamlProblem(location, "", message.toString());
        }
        if (cause != null && cause.getClass().getName().startsWith("org.yaml.snakeyaml")) {
            return new YamlProblem(Location.FILE, "", "YAML error: " + firstLine(cause.getMessage()));
        }
        Location location = Location.FILE;
        if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null && jpe.getLocation().getLineNr() > 0) {
            location = new Location(jpe.getLocation().getLineNr(), jpe.getLocation().getColumnNr());
        }
        String msg = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        return new YamlProblem(location, "", "YAML error: " + firstLine(msg));
    }

    /** Line and column (both from 1, columns in code points) of the code point at {@code index}. */
    static Location locationOfCodePoint(String text, int index) {
        int line = 1;
        int column = 1;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < index; i += Character.charCount(text.codePointAt(i)), seen++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Location(line, column);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable YAML";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
