package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.yaml.Location;
import dev.serverlesscontainers.model.yaml.YNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one load, so that all are reported together. */
final class Problems {
    private final String file;
    private final List<Problem> list = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void error(Location location, String path, String message) {
        list.add(new Problem(Problem.Severity.ERROR, file, location, path, message));
    }

    void error(YNode node, String path, String message) {
        error(node == null ? Location.FILE : node.location(), path, message);
    }

    void warn(Location location, String path, String message) {
        list.add(new Problem(Problem.Severity.WARNING, file, location, path, message));
    }

    boolean hasErrors() {
        return list.stream().anyMatch(Problem::isError);
    }

    /** In file order: by line, then column; problems of the whole file first. */
    List<Problem> sorted() {
        List<Problem> out = new ArrayList<>(list);
        out.sort(Comparator.comparingInt((Problem p) -> p.location().line()).thenComparingInt(p -> p.location().column()));
        return out;
    }

    List<Problem> warnings() {
        return sorted().stream().filter(p -> !p.isError()).toList();
    }
}
