package dev.serverlesscontainers.model.routing;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ALB wildcard matching: {@code *} matches any run of characters (including none), {@code ?} exactly
 * one, everything else itself. The whole input must match. Backtracking returns only to the last star,
 * so a match costs at most about (pattern length + 1) x (input length + 1) steps, O(n·m), never the
 * exponential time of naive backtracking; the load balancer's limits on both lengths keep it small.
 */
final class Wildcard {
    private Wildcard() {}

    /**
     * How much work (pattern positions visited) {@link #covers} may do before it gives up and answers
     * false: no warning rather than a slow load, whatever the patterns (a few milliseconds).
     */
    private static final long MAX_COVER_WORK = 2_000_000;

    static boolean matches(String pattern, String input) {
        return match(pattern, input) >= 0;
    }

    /** The steps {@link #matches} takes, for tests of its bound; negative when the input does not match. */
    static long steps(String pattern, String input) {
        return match(pattern, input);
    }

    /** The steps taken when the input matches, else minus one minus the steps. */
    private static long match(String pattern, String input) {
        long steps = 0;
        int p = 0;
        int i = 0;
        int star = -1;
        int starInput = 0;
        while (i < input.length()) {
            steps++;
            // A star in the pattern is always a wildcard, even facing a literal '*' in the input: taking
            // it as that literal would drop the backtracking point and refuse /a*xb for /a*b, which the
            // load balancer matches.
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                starInput = i;
            } else if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == input.charAt(i))) {
                p++;
                i++;
            } else if (star >= 0) {
                p = star + 1;
                i = ++starInput;
            } else {
                return -1 - steps;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length() ? steps : -1 - steps;
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

    /**
     * Whether every input {@code specific} matches is matched by {@code general} too. Both patterns run
     * as automata side by side over an alphabet of their literal characters plus one character neither
     * names (all such characters behave alike); {@code specific} accepting where {@code general} does
     * not is a counter-example.
     */
    static boolean covers(String general, String specific) {
        Set<Character> symbols = new HashSet<>();
        for (String s : List.of(general, specific)) {
            for (char c : s.toCharArray()) {
                if (c != '*' && c != '?') {
                    symbols.add(c);
                }
            }
        }
        char other = '\u0001';
        while (symbols.contains(other)) {
            other++;
        }
        symbols.add(other);

        Set<List<BitSet>> seen = new HashSet<>();
        Deque<BitSet[]> work = new ArrayDeque<>();
        BitSet[] start = {closure(specific, single(0)), closure(general, single(0))};
        work.add(start);
        seen.add(List.of(start[0], start[1]));
        long budget = MAX_COVER_WORK;
        while (!work.isEmpty()) {
            BitSet[] state = work.poll();
            budget -= (long) symbols.size() * (general.length() + specific.length() + 2);
            if (budget < 0) {
                return false;
            }
            if (state[0].get(specific.length()) && !state[1].get(general.length())) {
                return false;
            }
            for (char c : symbols) {
                BitSet nextSpecific = step(specific, state[0], c);
                if (nextSpecific.isEmpty()) {
                    continue;
                }
                BitSet[] next = {nextSpecific, step(general, state[1], c)};
                if (seen.add(List.of(next[0], next[1]))) {
                    work.add(next);
                }
            }
        }
        return true;
    }

    private static BitSet single(int position) {
        BitSet b = new BitSet();
        b.set(position);
        return b;
    }

    /** Positions reachable by reading {@code c} from {@code from} (a position before a star stays put). */
    private static BitSet step(String pattern, BitSet from, char c) {
        BitSet to = new BitSet();
        for (int p = from.nextSetBit(0); p >= 0 && p < pattern.length(); p = from.nextSetBit(p + 1)) {
            char want = pattern.charAt(p);
            if (want == '*') {
                to.set(p);
            } else if (want == '?' || want == c) {
                to.set(p + 1);
            }
        }
        return closure(pattern, to);
    }

    /** A star may match nothing: a position before one also stands after it. */
    private static BitSet closure(String pattern, BitSet positions) {
        for (int p = positions.nextSetBit(0); p >= 0 && p < pattern.length(); p = positions.nextSetBit(p + 1)) {
            if (pattern.charAt(p) == '*') {
                positions.set(p + 1);
            }
        }
        return positions;
    }
}
