package dev.serverlesscontainers.devmode.cli;

import dev.serverlesscontainers.devmode.docker.DockerRuntimeProvider;
import dev.serverlesscontainers.devmode.process.ProcessRuntimeProvider;
import dev.serverlesscontainers.devmode.runtime.RuntimeEnvironment;
import dev.serverlesscontainers.devmode.runtime.RuntimeProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --runtime auto|docker|process}: which {@link RuntimeProvider} runs the containers. A named
 * runtime must be registered and available; {@code auto} takes the first available one in
 * {@link #AUTO_ORDER} and says which it took and why the others were passed over. Explanations of
 * several lines (every way to reach Docker that was tried) follow the first line, indented.
 */
final class RuntimeSelection {
    private RuntimeSelection() {}

    /** {@code --runtime auto}: the first of {@link #AUTO_ORDER} that is available. */
    static final String AUTO = "auto";
    static final List<String> CHOICES = List.of(AUTO, "docker", "process");
    /** Docker first: it runs the app as it will run when deployed. */
    static final List<String> AUTO_ORDER = List.of("docker", "process");

    /** The runtimes this build has, new ones for each run (a provider keeps the engine its probe found). */
    static List<RuntimeProvider> registered() {
        return List.of(new DockerRuntimeProvider(), new ProcessRuntimeProvider());
    }

    record Choice(RuntimeProvider provider, String explanation) {}

    /** A runtime that cannot be had; the message says why and what to use instead. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    static Choice choose(String requested, List<RuntimeProvider> providers, RuntimeEnvironment environment) throws Unavailable {
        if (!requested.equals(AUTO)) {
            RuntimeProvider provider = find(requested, providers).orElseThrow(() -> new Unavailable("--runtime " + requested
                    + ": this build of scf-dev has no " + requested + " runtime; use " + alternatives(requested, providers)));
            RuntimeProvider.Availability a = provider.probe(environment);
            if (!a.available()) {
                throw new Unavailable("--runtime " + requested + ": " + a.explanation());
            }
            return new Choice(provider, requested + " (as asked: " + a.explanation() + ")");
        }
        List<String> passedOver = new ArrayList<>();
        StringBuilder details = new StringBuilder();
        for (String name : AUTO_ORDER) {
            Optional<RuntimeProvider> provider = find(name, providers);
            if (provider.isEmpty()) {
                passedOver.add(name + " is not part of this build");
                continue;
            }
            RuntimeProvider.Availability a = provider.get().probe(environment);
            if (a.available()) {
                passedOver.add(passedOver.isEmpty() ? a.explanation() : name + ": " + a.explanation());
                return new Choice(provider.get(), name + " (auto: " + String.join("; ", passedOver) + ")" + details);
            }
            if (a.explanation().contains("\n")) {
                passedOver.add(name + " is not available (below)");
                details.append("\n  ").append(name).append(" is not available: ").append(a.explanation().replace("\n", "\n    "));
            } else {
                passedOver.add(name + " is not available: " + a.explanation());
            }
        }
        throw new Unavailable("--runtime auto found no runtime that works here: " + String.join("; ", passedOver) + details);
    }

    private static Optional<RuntimeProvider> find(String name, List<RuntimeProvider> providers) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static String alternatives(String requested, List<RuntimeProvider> providers) {
        List<String> names = new ArrayList<>();
        providers.stream().map(RuntimeProvider::name).filter(n -> !n.equals(requested)).forEach(n -> names.add("--runtime " + n));
        names.add("--runtime auto");
        return String.join(" or ", names);
    }
}
