package dev.serverlesscontainers.model.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The syntax of Serverless Framework variables, apart from what they resolve to: where each
 * {@code ${...}} starts and ends in a text (nested ones and quoted braces included), and how an
 * expression splits into its reference and its default ({@code ${env:NAME, 'fallback'}}).
 */
final class VariableSyntax {
    private VariableSyntax() {}

    /** A variable without its closing brace. */
    static final class Unclosed extends Exception {
        private static final long serialVersionUID = 1L;

        Unclosed(String message) {
            super(message, null, false, false);
        }
    }

    /** The inside of one {@code ${...}}. */
    record Expression(String body) {
        /** What the variable names, before a top-level comma. */
        String reference() {
            int comma = topLevelComma(body);
            return (comma < 0 ? body : body.substring(0, comma)).trim();
        }

        /** The default after a top-level comma, as written (quotes included). */
        Optional<String> fallback() {
            int comma = topLevelComma(body);
            return comma < 0 ? Optional.empty() : Optional.of(body.substring(comma + 1).trim());
        }
    }

    /** Splits text into literal strings and {@link Expression}s, honouring nested {@code ${}}. */
    static List<Object> split(String text) throws Unclosed {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        StringBuilder literal = new StringBuilder();
        while (i < text.length()) {
            if (text.startsWith("${", i)) {
                int end = matchingBrace(text, i + 2);
                if (end < 0) {
                    throw new Unclosed("unclosed variable: " + text.substring(i) + " (missing })");
                }
                if (literal.length() > 0) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(new Expression(text.substring(i + 2, end).trim()));
                i = end + 1;
            } else {
                literal.append(text.charAt(i++));
            }
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        return parts;
    }

    private static int matchingBrace(String text, int from) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (text.startsWith("${", i)) {
                depth++;
                i++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    private static int topLevelComma(String body) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (body.startsWith("${", i)) {
                depth++;
                i++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
