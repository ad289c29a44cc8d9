package dev.serverlesscontainers.model.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code build.options} read once for both sides: the {@code docker build} flags the deploy's and
 * scf-dev's builds take, and, in {@link #unknown()}, every other option with the reason it is not
 * used, so each side tells the user the same thing. A flag that takes a value takes it either as
 * {@code --flag=value} or as the next option.
 *
 * @param buildArgs {@code --build-arg K=V} given as options, merged over {@code build.args}
 * @param unknown options neither side passes to a build, each as it reads in a message
 */
public record BuildOptions(Optional<String> target, Optional<String> platform, boolean noCache, boolean pull,
        Map<String, String> buildArgs, List<String> unknown) {

    public BuildOptions {
        buildArgs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
        unknown = List.copyOf(unknown);
    }

    public static BuildOptions none() {
        return new BuildOptions(Optional.empty(), Optional.empty(), false, false, Map.of(), List.of());
    }

    public static BuildOptions parse(List<String> options) {
        Optional<String> target = Optional.empty();
        Optional<String> platform = Optional.empty();
        boolean noCache = false;
        boolean pull = false;
        Map<String, String> buildArgs = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            int eq = option.indexOf('=');
            String name = eq >= 0 ? option.substring(0, eq) : option;
            boolean takesValue = name.equals("--target") || name.equals("--platform") || name.equals("--build-arg");
            String value = null;
            if (takesValue) {
                if (eq >= 0) {
                    value = option.substring(eq + 1);
                } else if (i + 1 < options.size()) {
                    value = options.get(++i);
                } else {
                    unknown.add(option + " (no value)");
                    continue;
                }
            }
            switch (name) {
                case "--target" -> target = Optional.of(value);
                case "--platform" -> platform = Optional.of(value);
                case "--build-arg" -> {
                    int pairEq = value.indexOf('=');
                    if (pairEq > 0) {
                        buildArgs.put(value.substring(0, pairEq), value.substring(pairEq + 1));
                    } else {
                        unknown.add("--build-arg " + value + " (expected KEY=VALUE)");
                    }
                }
                case "--no-cache" -> noCache = true;
                case "--pull" -> pull = true;
                default -> unknown.add(option);
            }
        }
        return new BuildOptions(target, platform, noCache, pull, buildArgs, unknown);
    }
}
