package dev.serverlesscontainers.model.load;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that cannot be used, with every problem found in it. The message lists them all,
 * one per line, so that whoever catches this can show it as it is.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;
    private final transient List<Path> sourceFiles;

    public ConfigException(List<Problem> problems) {
        this(problems, List.of());
    }

    private ConfigException(List<Problem> problems, List<Path> sourceFiles) {
        super(render(problems), null, false, false);
        this.problems = List.copyOf(problems);
        this.sourceFiles = List.copyOf(sourceFiles);
    }

    /** The same problems, found by a load that read or looked for {@code files}. */
    ConfigException readFrom(List<Path> files) {
        return new ConfigException(problems, files);
    }

    /**
     * Every file the failed load read or looked for (as {@link dev.serverlesscontainers.model.config.ProjectConfig#sourceFiles()}
     * of a successful one): fixing the problems means changing one of them. Empty when it did not load a file.
     */
    public List<Path> sourceFiles() {
        return sourceFiles;
    }

    /** Every problem, errors and warnings, in file order. */
    public List<Problem> problems() {
        return problems;
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    private static String render(List<Problem> problems) {
        List<Problem> errors = problems.stream().filter(Problem::isError).toList();
        String head = errors.size() == 1 ? "" : errors.size() + " problems in the configuration:\n";
        return head + errors.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
