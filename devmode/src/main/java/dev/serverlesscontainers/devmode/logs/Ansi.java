package dev.serverlesscontainers.devmode.logs;

import java.util.Map;

/** Terminal colours, used only where a person reads them. */
public final class Ansi {
    private Ansi() {}

    private static final String[] PALETTE = {"36", "35", "32", "33", "34", "96", "95", "92", "93", "94"};
    static final String RESET = "\u001b[0m";
    static final String DIM = "\u001b[2m";

    /**
     * Whether to colour output: only on a terminal, never when {@code NO_COLOR} is set to anything
     * (no-color.org), nor when {@code TERM=dumb}.
     */
    public static boolean enabled(Map<String, String> environment, boolean terminal) {
        String noColor = environment.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return false;
        }
        return terminal && !"dumb".equals(environment.get("TERM"));
    }

    /** The colour of the {@code index}-th name, cycling through a palette that reads on dark and light terminals. */
    static String colour(int index) {
        return "\u001b[" + PALETTE[Math.floorMod(index, PALETTE.length)] + "m";
    }
}
