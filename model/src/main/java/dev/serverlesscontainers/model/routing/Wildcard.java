package dev.serverlesscontainers.model.routing;

/**
 * ALB wildcard matching: {@code *} matches any run of characters (including none), {@code ?} exactly
 * one, everything else itself. The whole input must match. Linear-time backtracking on the last star,
 * so no pattern can make matching slow.
 */
final class Wildcard {
    private Wildcard() {}

    static boolean matches(String pattern, String input) {
        int p = 0;
        int i = 0;
        int star = -1;
        int starInput = 0;
        while (i < input.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == input.charAt(i))) {
                p++;
                i++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                starInput = i;
            } else if (star >= 0) {
                p = star + 1;
                i = ++starInput;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    static boolean hasWildcard(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    /** The characters before the first wildcard. */
    static String literalPrefix(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) == '*' || pattern.charAt(i) == '?') {
                return pattern.substring(0, i);
            }
        }
        return pattern;
    }
}
