package dev.serverlesscontainers.model.yaml;

/** A 1-based line and column in a YAML file. */
public record Location(int line, int column) {
    /** Used for problems that concern the whole file rather than a place in it. */
    public static final Location FILE = new Location(0, 0);

    public boolean isKnown() {
        return line > 0;
    }

    @Override
    public String toString() {
        return isKnown() ? line + ":" + column : "";
    }
}
