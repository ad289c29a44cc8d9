package dev.serverlesscontainers.devmode.cli;

import dev.serverlesscontainers.devmode.process.ProcessRuntimeProvider;
import dev.serverlesscontainers.devmode.runtime.RuntimeEnvironment;
import dev.serverlesscontainers.devmode.runtime.RuntimeProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --runtime auto|docker|process}: which {@link RuntimeProvider} runs the containers. A named
 * runtime must be registered and available; {@code auto} takes the first available one in
 * {@link #AUTO_ORDER} and says which it took and why the others were passed over.
 */
final class RuntimeSelection {
    private RuntimeSelection() {}

    static final List<String> CHOICES = List.of("auto", "docker", "process");
    /** Docker first: it runs the app as it will run when deployed. */
    static final List<String> AUTO_ORDER = List.of("docker", "process");

    /** The runtimes this build has. A Docker runtime registers here, ahead of the process runtime. */
    static List<RuntimeProvider> registered() {
        return List.of(new ProcessRuntimeProvider());
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
        if (!requested.equals("auto")) {
            RuntimeProvider provider = find(requested, providers).orElseThrow(() -> new Unavailable("--runtime " + requested
                    + ": this build of scf-dev has no " + requested + " runtime; use " + alternatives(requested, providers)));
            RuntimeProvider.Availability a = provider.probe(environment);
            if (!a.available()) {
                throw new Unavailable("--runtime " + requested + ": " + a.explanation());
            }
            return new Choice(provider, requested + " (as asked: " + a.explanation() + ")");
        }
        List<String> passedOver = new ArrayList<>();
        for (String name : AUTO_ORDER) {
            Optional<RuntimeProvider> provider = find(name, providers);
            if (provider.isEmpty()) {
                passedOver.add(name + " is not part of this build");
                continue;
            }
            RuntimeProvider.Availability a = provider.get().probe(environment);
            if (a.available()) {
                passedOver.add(name + " " + a.explanation());
                return new Choice(provider.get(), name + " (auto: " + String.join("; ", passedOver) + ")");
            }
            passedOver.add(name + " is not available: " + a.explanation());
        }
        throw new Unavailable("--runtime auto found no runtime that works here: " + String.join("; ", passedOver));
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
