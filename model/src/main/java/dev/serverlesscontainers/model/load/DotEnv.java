package dev.serverlesscontainers.model.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code .env} file beside the configuration, read as Serverless Framework v4 reads it: a
 * {@code .env.<stage>} file is read instead of {@code .env} when it exists; its values feed
 * {@code ${env:}} only where the real environment does not set the name; {@code $NAME} and
 * {@code ${NAME}} inside unquoted and double-quoted values expand (dotenv-expand's rule), single-quoted
 * values stay as written. Values are never shown in messages.
 */
final class DotEnv {
    static final String FILE_NAME = ".env";

    private static final Pattern LINE = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\\s*=\\s*(.*)$");
    private static final Pattern REFERENCE = Pattern.compile("(\\\\?)\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");

    private DotEnv() {}

    /** The file read for {@code stage} in {@code dir}, if there is one. */
    static Optional<Path> fileFor(Path dir, String stage) {
        return consulted(dir, stage).stream().filter(Files::isRegularFile).findFirst();
    }

    /** The files whose existence or content decides what {@link #withFileValues} reads: {@code .env} only counts without {@code .env.<stage>}. */
    static List<Path> consulted(Path dir, String stage) {
        Path staged = dir.resolve(FILE_NAME + "." + stage);
        return Files.isRegularFile(staged) ? List.of(staged) : List.of(staged, dir.resolve(FILE_NAME));
    }

    /**
     * {@code environment} with the values of the stage's {@code .env} file added where it has none.
     *
     * @throws IOException when the file exists but cannot be read
     */
    static Map<String, String> withFileValues(Path dir, String stage, Map<String, String> environment) throws IOException {
        Optional<Path> file = fileFor(dir, stage);
        if (file.isEmpty()) {
            return environment;
        }
        Map<String, String> merged = new LinkedHashMap<>(environment);
        parse(Files.readString(file.get(), StandardCharsets.UTF_8), environment).forEach(merged::putIfAbsent);
        return merged;
    }

    /** The values of a {@code .env} text; {@code environment} wins when expanding references. */
    static Map<String, String> parse(String text, Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = LINE.matcher(lines[i]);
            if (lines[i].isBlank() || lines[i].trim().startsWith("#") || !m.matches()) {
                continue;
            }
            String raw = m.group(2).trim();
            char quote = raw.isEmpty() ? 0 : raw.charAt(0);
            String value;
            if (quote == '"' || quote == '\'' || quote == '`') {
                StringBuilder body = new StringBuilder(raw.substring(1));
                int close = closing(body, quote);
                // a quoted value may go on over the following lines until its closing quote
                while (close < 0 && i + 1 < lines.length) {
                    body.append('\n').append(lines[++i]);
                    close = closing(body, quote);
                }
                value = close < 0 ? body.toString() : body.substring(0, close);
                if (quote == '"') {
                    value = expand(value.replace("\\n", "\n").replace("\\r", "\r"), environment, values);
                }
            } else {
                int comment = raw.indexOf(" #");
                value = expand((comment < 0 ? raw : raw.substring(0, comment)).trim(), environment, values);
            }
            values.put(m.group(1), value);
        }
        return values;
    }

    private static int closing(CharSequence body, char quote) {
        for (int i = 0; i < body.length(); i++) {
            if (body.charAt(i) == '\\' && quote == '"') {
                i++;
            } else if (body.charAt(i) == quote) {
                return i;
            }
        }
        return -1;
    }

    private static String expand(String value, Map<String, String> environment, Map<String, String> earlier) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = m.group().substring(1);
            } else {
                String name = m.group(2) != null ? m.group(2) : m.group(4);
                String found = environment.containsKey(name) ? environment.get(name) : earlier.get(name);
                replacement = found != null ? found : m.group(3) != null ? m.group(3) : "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
