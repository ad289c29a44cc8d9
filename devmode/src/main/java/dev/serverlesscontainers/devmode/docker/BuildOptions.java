package dev.serverlesscontainers.devmode.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code docker build} flags of {@code build.options} that the Engine API's build call takes;
 * the rest are listed in {@link #ignored()} so the user is told they have no effect locally.
 *
 * @param buildArgs {@code --build-arg K=V} given as options, merged over {@code build.args}
 */
record BuildOptions(Optional<String> target, boolean noCache, boolean pull, Optional<String> platform,
        Map<String, String> buildArgs, List<String> ignored) {

    static BuildOptions parse(List<String> options) {
        Optional<String> target = Optional.empty();
        Optional<String> platform = Optional.empty();
        boolean noCache = false;
        boolean pull = false;
        Map<String, String> buildArgs = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
            boolean takesValue = name.equals("--target") || name.equals("--platform") || name.equals("--build-arg");
            String value = null;
            if (takesValue) {
                if (option.contains("=")) {
                    value = option.substring(option.indexOf('=') + 1);
                } else if (i + 1 < options.size()) {
                    value = options.get(++i);
                } else {
                    ignored.add(option + " (no value)");
                    continue;
                }
            }
            switch (name) {
                case "--target" -> target = Optional.of(value);
                case "--platform" -> platform = Optional.of(value);
                case "--build-arg" -> {
                    int eq = value.indexOf('=');
                    if (eq > 0) {
                        buildArgs.put(value.substring(0, eq), value.substring(eq + 1));
                    } else {
                        ignored.add("--build-arg " + value + " (expected KEY=VALUE)");
                    }
                }
                case "--no-cache" -> noCache = true;
                case "--pull" -> pull = true;
                default -> ignored.add(option);
            }
        }
        return new BuildOptions(target, noCache, pull, platform, Map.copyOf(buildArgs), List.copyOf(ignored));
    }
}
